namespace PPipe.Hosting.Schema;

/// <summary>A row of the schema history: which script was applied, with what text (checksum), and when.</summary>
public sealed record AppliedScript(string Id, string Checksum, DateTimeOffset AppliedAt);
