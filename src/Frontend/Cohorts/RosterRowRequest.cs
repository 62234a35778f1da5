namespace PPipe.Frontend.Cohorts;

/// <summary>One student of a JSON roster (the CSV form has the same three columns); the e-mail may be empty.</summary>
public sealed record RosterRowRequest(string StudentId, string Name, string? Email);
