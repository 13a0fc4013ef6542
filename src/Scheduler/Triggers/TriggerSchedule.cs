using Cronos;
using Hangfire;
using WfaaS.Scheduler.Jobs;
using WfaaS.Storage.Entities;

namespace WfaaS.Scheduler.Triggers;

/// <summary>Cron triggers as Hangfire recurring jobs (SPEC §6): one job per trigger, named after it.</summary>
public sealed class TriggerSchedule(IRecurringJobManager recurring, TimeProvider time)
{
    /// <summary>Empty when <paramref name="cron"/> and <paramref name="timeZone"/> are usable; otherwise why not, by field.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Check(string? cron, string? timeZone)
    {
        var errors = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrWhiteSpace(cron) || Parse(cron) is null)
        {
            errors.Add(new("cron", "'cron' must be a cron expression: 5 fields (minute hour day month weekday), 6 with seconds first, or a macro such as @daily."));
        }

        if (timeZone is not null && Zone(timeZone) is null)
        {
            errors.Add(new("time_zone", $"Unknown time zone '{timeZone}'; use an IANA name such as Europe/Paris."));
        }

        return errors;
    }

    public DateTimeOffset? NextRun(TriggerEntity trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return Parse(trigger.Cron)?.GetNextOccurrence(time.GetUtcNow(), Zone(trigger.TimeZone) ?? TimeZoneInfo.Utc);
    }

    public void Schedule(TriggerEntity trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var name = trigger.Name;
        recurring.AddOrUpdate<TriggerJob>(
            JobId(name),
            job => job.FireAsync(name, CancellationToken.None),
            trigger.Cron,
            new RecurringJobOptions { TimeZone = Zone(trigger.TimeZone) ?? TimeZoneInfo.Utc });
    }

    public void Unschedule(string name) => recurring.RemoveIfExists(JobId(name));

    private static string JobId(string name) => $"trigger:{name}";

    private static CronExpression? Parse(string cron)
    {
        var format = cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        return CronExpression.TryParse(cron.Trim(), format, out var expression) ? expression : null;
    }

    private static TimeZoneInfo? Zone(string? id)
    {
        if (id is null)
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }
}
