using System.Collections.Immutable;

namespace PPipe.Scenarios;

/// <summary>
/// An overall level, and the criteria that held it below the level of the weighted mean (<see cref="GradingPolicy.AllProficient"/>);
/// <see cref="CappedBy"/> is empty when the level is the weighted mean's.
/// </summary>
public sealed record OverallLevel(GradeLevel Level, ImmutableArray<Criterion> CappedBy)
{
    public bool IsCapped => !CappedBy.IsDefaultOrEmpty;
}
