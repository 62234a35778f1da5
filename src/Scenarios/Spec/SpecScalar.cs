namespace PPipe.Scenarios.Spec;

/// <summary>A single value; <see cref="Text"/> is null for YAML <c>null</c>/<c>~</c>/empty and JSON <c>null</c>.</summary>
internal sealed record SpecScalar(string? Text) : SpecNode;
