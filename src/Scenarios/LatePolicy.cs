namespace PPipe.Scenarios;

/// <summary>
/// How late submissions are treated. <see cref="Penalty"/> is the fraction of the batch score lost
/// (only for <see cref="LatePolicyKind.Penalty"/>); <see cref="Cutoff"/> is how long after the due time
/// late work is still taken (null: until the end of the scenario).
/// </summary>
public sealed record LatePolicy(LatePolicyKind Kind, double Penalty, TimeSpan? Cutoff);
