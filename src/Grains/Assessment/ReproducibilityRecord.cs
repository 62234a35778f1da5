using PPipe.Grains.Interfaces.Probes;

namespace PPipe.Grains.Assessment;

/// <summary>
/// What the reproducibility criterion needs, bounded whatever the scenario's length: the probe a replay would re-send
/// (<see cref="Reference"/>: the first scheduled probe answered under the version the endpoint names now, replaced when the
/// version changes), the version the latest answered probe named, counts of the checks made and matched, and the first
/// <see cref="MismatchCapacity"/> mismatches for feedback.
/// <para>
/// A check is made only under an unchanged version: a replay counts when its answer names the reference's version (a
/// version changed in between is no failure), a resubmission when it names the version of the batch's earlier submission.
/// </para>
/// </summary>
[GenerateSerializer, Alias("ppipe.ReproducibilityRecord")]
internal sealed class ReproducibilityRecord
{
    public const int MismatchCapacity = 3;

    /// <summary>The probe a replay re-sends now; null before a scheduled probe is answered under a named version.</summary>
    [Id(0)] public ReplayReference? Reference { get; set; }

    /// <summary>The version the latest answered scheduled probe named; null when it named none.</summary>
    [Id(1)] public string? LastVersion { get; set; }

    /// <summary>The scheduled slot of the latest replay counted: a replay reported again counts once.</summary>
    [Id(2)] public long? LastReplaySlot { get; set; }

    [Id(3)] public int ProbeChecks { get; set; }

    [Id(4)] public int ProbeMatches { get; set; }

    [Id(5)] public int BatchChecks { get; set; }

    [Id(6)] public int BatchMatches { get; set; }

    /// <summary>The first mismatches, oldest first; later ones are only counted.</summary>
    [Id(7)] public List<ReproducibilityMismatch> FirstMismatches { get; set; } = [];

    public int Checks => ProbeChecks + BatchChecks;

    public int Matches => ProbeMatches + BatchMatches;

    /// <summary>
    /// Notes an answer to a scheduled probe: the version it named becomes the latest, and the first answer under a version
    /// becomes the reference replays re-send. Failed probes and verification probes change nothing.
    /// </summary>
    public void ObserveAnswer(ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Ok || result.Slot < 0)
        {
            return;
        }

        LastVersion = result.Model?.Version;
        if (result.Model is { } model && Reference?.Version != model.Version && result.Predictions is { Length: > 0 } predictions)
        {
            Reference = new ReplayReference(result.Slot, model.Version, predictions);
        }
    }

    /// <summary>
    /// Counts the answer to a replay of the rows of <paramref name="replayOf"/> sent at scenario time <paramref name="at"/>,
    /// when it is a check: answered, under the version that answered those rows before, and not counted already. False when
    /// it was not counted.
    /// </summary>
    public bool RecordReplay(long replayOf, ProbeResult answer, TimeSpan at)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer is not { Ok: true, Model: { } model, Predictions: { } predictions }
            || Reference is not { } reference || reference.RowSlot != replayOf || reference.Version != model.Version
            || answer.Slot <= LastReplaySlot)
        {
            return false;
        }

        LastReplaySlot = answer.Slot;
        var (differing, compared) = PredictionMatch.Compare(reference.Sample, predictions);
        ProbeChecks++;
        ProbeMatches += differing == 0 ? 1 : 0;
        NoteMismatch(new ReproducibilityMismatch(null, at, model.Version, differing, compared));
        return true;
    }

    /// <summary>Counts a resubmission of <paramref name="batch"/> under the version of its earlier submission.</summary>
    public void RecordResubmission(int batch, TimeSpan at, string version, (int Differing, int Compared) comparison)
    {
        BatchChecks++;
        BatchMatches += comparison.Differing == 0 ? 1 : 0;
        NoteMismatch(new ReproducibilityMismatch(batch, at, version, comparison.Differing, comparison.Compared));
    }

    private void NoteMismatch(ReproducibilityMismatch check)
    {
        if (check.Differing > 0 && FirstMismatches.Count < MismatchCapacity)
        {
            FirstMismatches.Add(check);
        }
    }
}
