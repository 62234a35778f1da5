namespace PPipe.Frontend.Surveys;

/// <summary>One survey of a cohort as the instructor sets it: the instrument version, and when it opens and closes (UTC).</summary>
public sealed record SurveyWindowRequest(string? InstrumentId, int? Version, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt);
