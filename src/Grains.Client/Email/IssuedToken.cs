namespace PPipe.Grains.Client.Email;

/// <summary>A token given through a mailed link (a join confirmed or a token replaced), when <see cref="Outcome"/> is done: shown this once.</summary>
public sealed record IssuedToken(LinkOutcome Outcome, string? CohortId = null, string? CohortName = null, string? StudentId = null, string? Token = null);
