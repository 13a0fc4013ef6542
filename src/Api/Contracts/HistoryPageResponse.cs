namespace WfaaS.Api.Contracts;

/// <summary>History in <c>seq</c> order; pass <c>next_cursor</c> as <c>cursor</c> (or its seq as <c>after_seq</c>) for more.</summary>
internal sealed record HistoryPageResponse(IReadOnlyList<HistoryEntryResponse> Items, string? NextCursor);
