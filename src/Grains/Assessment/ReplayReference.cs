namespace PPipe.Grains.Assessment;

/// <summary>
/// The probe a replay re-sends: the slot whose rows it regenerates (rows come from the enrollment's seed, so they are not
/// kept), the model version that answered it, and the first predictions of that answer (at most
/// <see cref="PPipe.Grains.Interfaces.Probes.ProbeResult.PredictionSample"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.ReplayReference")]
internal sealed record ReplayReference(long RowSlot, string Version, double[] Sample);
