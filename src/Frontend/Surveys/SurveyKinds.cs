using System.Diagnostics.CodeAnalysis;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Frontend.Surveys;

/// <summary>The spelling of survey kinds in routes and bodies: <c>pre</c>, <c>post</c> and <c>feedback</c>.</summary>
public static class SurveyKinds
{
    public static string Name(SurveyKind kind) => kind switch
    {
        SurveyKind.Pre => "pre",
        SurveyKind.Post => "post",
        _ => "feedback",
    };

    /// <summary>Every kind, in the order a cohort asks them.</summary>
    public static IReadOnlyList<SurveyKind> All => SurveyKindNames.All;

    public static bool TryParse(string? name, [NotNullWhen(true)] out SurveyKind? kind)
    {
        kind = name switch
        {
            "pre" => SurveyKind.Pre,
            "post" => SurveyKind.Post,
            "feedback" => SurveyKind.Feedback,
            _ => null,
        };
        return kind is not null;
    }
}
