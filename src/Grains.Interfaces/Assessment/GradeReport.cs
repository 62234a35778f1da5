using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>
/// A student's grade as of <see cref="AsOf"/>: the weighted overall score and level (null before anything
/// can be judged) and every criterion. Levels are <c>NotYetProficient</c>, <c>Proficient</c>,
/// <c>Advanced</c> or <c>Expert</c>. <see cref="OverallFeedback"/> says why the overall level is below the score's
/// when the cohort's grading policy capped it; null otherwise.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.GradeReport")]
public sealed record GradeReport(double? OverallScore, string? OverallLevel, ImmutableArray<CriterionGrade> Criteria, DateTimeOffset AsOf,
    string? OverallFeedback = null);
