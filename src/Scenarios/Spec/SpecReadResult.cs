using System.Diagnostics.CodeAnalysis;

namespace PPipe.Scenarios.Spec;

/// <summary>Either a resolved <see cref="Scenario"/> or every error found in the spec.</summary>
public sealed record SpecReadResult(Scenario? Scenario, IReadOnlyList<SpecError> Errors)
{
    [MemberNotNullWhen(true, nameof(Scenario))]
    public bool IsValid => Scenario is not null;
}
