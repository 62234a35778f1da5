using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grains.Interfaces.Research;

/// <summary>
/// What a research export takes from one enrollment: the grade as of now (or as of the removal) and the student's evidence per
/// scenario day, days without any event left out, oldest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.ResearchRecord")]
public sealed record ResearchRecord(GradeReport Grade, ImmutableArray<ActivityDay> Days, bool Removed);
