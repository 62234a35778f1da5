namespace PPipe.Grains.Interfaces.Roster;

/// <summary>What removing a student did: when the student was removed, and whether that had happened before this request.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.StudentRemoval")]
public sealed record StudentRemoval(string StudentId, DateTimeOffset RemovedAt, bool AlreadyRemoved);
