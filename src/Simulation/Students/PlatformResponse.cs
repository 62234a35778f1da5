namespace PPipe.Simulation.Students;

/// <summary>A platform answer as a student's program sees it: status, body, ETag and how long to wait before retrying.</summary>
internal sealed record PlatformResponse(int Status, string Body, string? ETag, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>429 or 503: the platform asks to come back later.</summary>
    public bool IsBusy => Status is 429 or 503;

    /// <summary>The start of the body, for problem reports.</summary>
    public string Excerpt => Body.Length <= 500 ? Body : Body[..500] + "…";
}
