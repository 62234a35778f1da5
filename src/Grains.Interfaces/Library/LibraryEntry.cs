namespace PPipe.Grains.Interfaces.Library;

/// <summary>What the instructors' library lists of a scenario version or a cohort: enough to show and open it.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.LibraryEntry")]
public sealed record LibraryEntry(string Id, string Title, DateTimeOffset CreatedAt, string? ScenarioId = null, int Version = 0);
