namespace PPipe.Scenarios.Assessment;

/// <summary>
/// The hash of one band of consecutive predictions (<see cref="CopyDetection.Bands(ScenarioTask, ReadOnlySpan{double}, int, int)"/>). Two submissions with
/// the same signature at the same <see cref="Band"/> gave the same predictions for those rows.
/// </summary>
public readonly record struct BandSignature(int Band, ulong Hash);
