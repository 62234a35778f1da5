namespace PPipe.Integration.Tests.Schema;

/// <summary>What a probe activation sees of its state, and which activation it is.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.tests.ProviderProbeSnapshot")]
public sealed record ProviderProbeSnapshot(string? Value, bool RecordExists, string? ETag, Guid Activation);
