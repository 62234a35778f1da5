namespace PPipe.Scenarios;

/// <summary>Rubric levels, as university MLOps courses grade them.</summary>
public enum GradeLevel
{
    NotYetProficient,
    Proficient,
    Advanced,
    Expert,
}
