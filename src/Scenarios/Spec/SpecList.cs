namespace PPipe.Scenarios.Spec;

internal sealed record SpecList(IReadOnlyList<SpecNode> Items) : SpecNode;
