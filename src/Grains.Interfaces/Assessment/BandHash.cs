namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>A signature of one band of consecutive predictions, for finding copied submissions.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.BandHash")]
public sealed record BandHash(int Band, ulong Hash);
