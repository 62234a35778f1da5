using System.Text.Json;
using PPipe.Simulation.Students;

namespace PPipe.Integration.Tests.Assessment;

/// <summary>
/// One cohort of simulated students run to its end by <see cref="ValidityRun"/>: each archetype's settled grade (and each
/// boosted learner's, kept apart), the cohort's copy flags, and the students themselves (what they did).
/// </summary>
public sealed record CohortRun(string Template, string CohortId, Dictionary<StudentArchetype, JsonElement> Grades, JsonElement Flags,
    Dictionary<StudentArchetype, SimulatedStudent> Students, Dictionary<StudentArchetype, JsonElement> BoostedGrades);
