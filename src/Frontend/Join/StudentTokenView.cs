namespace PPipe.Frontend.Join;

/// <summary>A token given by a mailed link (a join confirmed, a token replaced): shown this once, never again.</summary>
public sealed record StudentTokenView(string CohortId, string CohortName, string StudentId, string Token);
