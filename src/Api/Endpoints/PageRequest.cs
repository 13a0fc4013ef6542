namespace WfaaS.Api.Endpoints;

/// <summary>A page size and an optional position from <c>limit</c> and <c>cursor</c>, or the 400 that says why not.</summary>
internal sealed record PageRequest(int Limit, long? Position)
{
    public const int MaxLimit = 500;

    public static (PageRequest? Page, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem) Read(int? limit, string? cursor, int defaultLimit)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return (null, Problems.Problems.BadRequest($"'limit' must be between 1 and {MaxLimit}."));
        }

        long? position = null;
        if (cursor is not null)
        {
            if (!Cursor.TryDecode(cursor, out var decoded))
            {
                return (null, Problems.Problems.BadRequest("'cursor' is not a cursor this service issued."));
            }

            position = decoded;
        }

        return (new PageRequest(limit ?? defaultLimit, position), null);
    }
}
