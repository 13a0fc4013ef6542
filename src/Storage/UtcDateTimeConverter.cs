using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WfaaS.Storage;

/// <summary>
/// Every time is stored as UTC. SQLite hands values back without a kind and Npgsql refuses
/// non-UTC values for timestamptz, so the kind is pinned on the way in and on the way out.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
