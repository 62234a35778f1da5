namespace PPipe.Scenarios.Spec;

/// <summary>A node of a parsed spec document, the same whether it came from YAML or JSON.</summary>
internal abstract record SpecNode;
