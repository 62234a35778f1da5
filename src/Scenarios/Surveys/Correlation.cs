namespace PPipe.Scenarios.Surveys;

/// <summary>Pearson's <see cref="R"/> over <see cref="N"/> pairs, and its 95% interval through Fisher's z (null below four pairs).</summary>
public sealed record Correlation(int N, double? R, double? Low, double? High);
