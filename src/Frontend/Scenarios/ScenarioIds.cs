using System.Security.Cryptography;
using System.Text.RegularExpressions;
using PPipe.Scenarios.Templates;

namespace PPipe.Frontend.Scenarios;

/// <summary>
/// Ids of uploaded scenarios: generated (<c>s-</c> and 12 hex digits) when the author gives none, otherwise
/// checked so that the id reads well in a URL and never shadows a built-in template (a cohort's scenario
/// reference resolves template ids first).
/// </summary>
public static partial class ScenarioIds
{
    public const string Rule = "Use 1 to 64 lower-case letters, digits and dashes, starting with a letter or digit.";

    /// <summary>A fresh random id, like <c>s-3f9a0c12b7de</c>.</summary>
    public static string New() => "s-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>Why <paramref name="id"/> cannot name a new scenario, or null when it can (whether it is
    /// taken is for the scenario grain to say).</summary>
    public static string? Problem(string id)
    {
        if (!Pattern().IsMatch(id))
        {
            return $"'{id}' is not a valid scenario id. {Rule}";
        }

        return ScenarioTemplates.TryGet(id, out _)
            ? $"'{id}' is the id of a built-in template; choose another id."
            : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex Pattern();
}
