using System.Diagnostics.CodeAnalysis;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Frontend.Surveys;

/// <summary>The spelling of survey kinds in routes and bodies: <c>pre</c> and <c>post</c>.</summary>
public static class SurveyKinds
{
    public static string Name(SurveyKind kind) => kind == SurveyKind.Pre ? "pre" : "post";

    public static bool TryParse(string? name, [NotNullWhen(true)] out SurveyKind? kind)
    {
        kind = name switch
        {
            "pre" => SurveyKind.Pre,
            "post" => SurveyKind.Post,
            _ => null,
        };
        return kind is not null;
    }
}
