using PPipe.Simulation.Students;

namespace PPipe.Cluster.Soak.Load;

/// <summary>A simulated student of one cohort, with the token it was enrolled with.</summary>
public sealed record SimulatedMember(string CohortId, string StudentId, string Token, SimulatedStudent Student);
