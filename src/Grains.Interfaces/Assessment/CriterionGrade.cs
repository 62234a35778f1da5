namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>
/// One rubric criterion of a grade: its camelCase name (<c>batchQuality</c>), its weight, its score in
/// [0, 1] and level (null while nothing can be judged yet), and feedback a student can act on.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.CriterionGrade")]
public sealed record CriterionGrade(string Name, double Weight, double? Score, string? Level, string Feedback);
