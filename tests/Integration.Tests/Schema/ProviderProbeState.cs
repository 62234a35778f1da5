namespace PPipe.Integration.Tests.Schema;

/// <summary>The probe's stored state (serialized by the provider's default JSON serializer).</summary>
[GenerateSerializer, Alias("ppipe.tests.ProviderProbeState")]
public sealed class ProviderProbeState
{
    [Id(0)]
    public string? Value { get; set; }
}
