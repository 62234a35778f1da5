using System.Collections.Immutable;

namespace PPipe.Scenarios;

/// <summary>
/// One input column of a scenario's world. Numbers are written with <see cref="Decimals"/> decimals and
/// kept within [<see cref="Min"/>, <see cref="Max"/>]; categories take one of <see cref="Categories"/>
/// (including values a new-category quirk introduces). A <see cref="Hidden"/> feature drives the world
/// but is not published until an <c>addColumn</c> quirk reveals it.
/// </summary>
public sealed record ScenarioFeature(
    string Name,
    FeatureKind Kind,
    string Description,
    string? Unit,
    int Decimals,
    ImmutableArray<string> Categories,
    double Min,
    double Max,
    bool Hidden)
{
    public static ScenarioFeature Number(string name, string description, string? unit, int decimals, double min, double max, bool hidden = false) =>
        new(name, FeatureKind.Number, description, unit, decimals, [], min, max, hidden);

    public static ScenarioFeature Category(string name, string description, params ImmutableArray<string> categories) =>
        new(name, FeatureKind.Category, description, null, 0, categories, 0, categories.Length - 1, false);
}
