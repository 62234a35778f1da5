namespace PPipe.Grains.Assessment;

/// <summary>
/// A check whose predictions differed: a probe replay (<see cref="Batch"/> null) or a resubmission of a batch, at scenario
/// time <see cref="At"/>, under <see cref="Version"/>, with how many of the values compared differed.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.ReproducibilityMismatch")]
internal sealed record ReproducibilityMismatch(int? Batch, TimeSpan At, string Version, int Differing, int Compared);
