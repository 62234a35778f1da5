namespace PPipe.Scenarios.Surveys;

/// <summary>
/// A paired change over <see cref="N"/> students: the means before and after, the mean change, its 95% confidence interval
/// (t distribution, n − 1 degrees of freedom; null below two pairs) and Cohen's d<sub>z</sub> (null below two pairs or when
/// every student changed by the same amount).
/// </summary>
public sealed record PairedChange(int N, double? MeanBefore, double? MeanAfter, double? MeanChange, double? Low, double? High, double? EffectSize);
