using PPipe.Scenarios;

namespace PPipe.Frontend.Cohorts;

/// <summary>A cohort's own late policy: <c>accept</c>, <c>reject</c> or <c>penalty</c>, the penalty fraction, and a cutoff duration.</summary>
public sealed record LateRequest(LatePolicyKind? Policy, double? Penalty, string? Cutoff);
