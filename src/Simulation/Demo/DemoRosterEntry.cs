using PPipe.Simulation.Students;

namespace PPipe.Simulation.Demo;

/// <summary>One simulated student of the demo roster; a copier names the student it copies.</summary>
public sealed record DemoRosterEntry(string StudentId, string Name, StudentArchetype Archetype, string? CopiesStudentId);
