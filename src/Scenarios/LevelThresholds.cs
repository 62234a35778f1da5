namespace PPipe.Scenarios;

/// <summary>The lowest score (0..1) that reaches each level; they rise strictly.</summary>
public sealed record LevelThresholds(double Proficient, double Advanced, double Expert)
{
    public GradeLevel LevelFor(double score) =>
        score >= Expert ? GradeLevel.Expert
        : score >= Advanced ? GradeLevel.Advanced
        : score >= Proficient ? GradeLevel.Proficient
        : GradeLevel.NotYetProficient;
}
