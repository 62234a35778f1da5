using PPipe.Grains.Interfaces.Assessment;
using PPipe.Scenarios;

namespace PPipe.Frontend.Assessment;

/// <summary>
/// A grade as api-v1 shows it (<c>GET /api/v1/grade</c> and the admin's view of a student): the overall score and
/// level, every criterion, and when it was computed. Levels are null while nothing can be judged yet.
/// </summary>
public sealed record GradeResponse(GradeResponse.OverallPart Overall, IReadOnlyList<GradeResponse.CriterionPart> Criteria, DateTimeOffset AsOf)
{
    /// <summary>The weighted overall score and its level; feedback says which criteria capped the level, when the cohort's policy did.</summary>
    public sealed record OverallPart(double? Score, GradeLevel? Level, string? Feedback);

    /// <summary>One rubric criterion: its camelCase name, weight, score in [0, 1], level and feedback.</summary>
    public sealed record CriterionPart(string Name, double Weight, double? Score, GradeLevel? Level, string Feedback);

    public static GradeResponse Of(GradeReport grade)
    {
        ArgumentNullException.ThrowIfNull(grade);
        return new GradeResponse(
            OverallOf(grade),
            [.. grade.Criteria.Select(c => new CriterionPart(c.Name, c.Weight, c.Score, LevelOf(c.Level), c.Feedback))],
            grade.AsOf);
    }

    public static OverallPart OverallOf(GradeReport grade)
    {
        ArgumentNullException.ThrowIfNull(grade);
        return new OverallPart(grade.OverallScore, LevelOf(grade.OverallLevel), grade.OverallFeedback);
    }

    /// <summary>A level as the grains report it (its C# name; they hold text, not the scenario engine's enum).</summary>
    public static GradeLevel? LevelOf(string? level) => level is null ? null : Enum.Parse<GradeLevel>(level);
}
