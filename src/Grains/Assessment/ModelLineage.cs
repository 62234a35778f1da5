using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grains.Assessment;

/// <summary>
/// A student's model lineage: the model versions their probe answers and batch submissions named, in the order first
/// seen, each with what it claimed and what the platform's own records say about the claim:
/// <list type="bullet">
/// <item><see cref="ModelFlag.UnreleasedData"/>: trained through a release not yet available when the version was first seen;</item>
/// <item><see cref="ModelFlag.UnfetchedData"/>: trained through a release available but not fetched by the student by then;</item>
/// <item><see cref="ModelFlag.ReusedVersion"/>: the name came back with another trainedThrough or another digest (a digest
/// given once and left out later is not a change), whose claim is then checked as well.</item>
/// </list>
/// A claim is checked when it is first seen: releases and fetches only grow, so a claim that held then holds later. The
/// first claim of a version is the one kept; a missing digest is filled in by a later one.
/// <para>
/// Bounded: at most <see cref="Capacity"/> versions. Beyond it the version first seen longest ago is dropped and counted
/// in <see cref="Folded"/> (and in <see cref="FoldedFlagged"/> when flagged), so the share of flagged versions stays
/// right; a dropped version named again is taken as new.
/// </para>
/// </summary>
[GenerateSerializer, Alias("ppipe.ModelLineage")]
internal sealed class ModelLineage
{
    public const int Capacity = 64;

    /// <summary>The versions kept, oldest first seen first.</summary>
    [Id(0)] public List<ModelVersionEntry> Versions { get; set; } = [];

    /// <summary>Versions dropped to keep <see cref="Capacity"/>.</summary>
    [Id(1)] public int Folded { get; set; }

    /// <summary>Of the dropped versions, those that were flagged.</summary>
    [Id(2)] public int FoldedFlagged { get; set; }

    /// <summary>Scenario time the lineage starts from: 0, or when the student's progress was last reset.</summary>
    [Id(3)] public TimeSpan From { get; set; }

    /// <summary>Every version seen, dropped ones included.</summary>
    public int Seen => Versions.Count + Folded;

    /// <summary>Every flagged version seen, dropped ones included.</summary>
    public int Flagged
    {
        get
        {
            // A loop rather than Count with a predicate, whose enumerator is an allocation at every grade with lineage.
            var flagged = FoldedFlagged;
            foreach (var version in Versions)
            {
                flagged += version.IsFlagged ? 1 : 0;
            }

            return flagged;
        }
    }

    /// <summary>Records that an answer (or a submission) named <paramref name="model"/>, with what was known at <paramref name="sighting"/>.</summary>
    public void Observe(ModelStamp model, ModelSighting sighting)
    {
        ArgumentNullException.ThrowIfNull(model);
        var at = Versions.FindIndex(v => string.Equals(v.Version, model.Version, StringComparison.Ordinal));
        if (at < 0)
        {
            Add(new ModelVersionEntry(model.Version, model.TrainedThrough, model.Digest, sighting.At, sighting.At, sighting.Batch,
                sighting.Batch is null ? 1 : 0, sighting.Batch is null ? 0 : 1, sighting.Fetched, Check([], model.TrainedThrough, sighting)));
            return;
        }

        var known = Versions[at];
        var flags = known.Flags;
        if (model.TrainedThrough != known.TrainedThrough || (model.Digest is { } digest && known.Digest is { } first && digest != first))
        {
            flags = Check(With(flags, ModelFlag.ReusedVersion), model.TrainedThrough, sighting);
        }

        Versions[at] = known with
        {
            Digest = known.Digest ?? model.Digest,
            LastSeen = sighting.At > known.LastSeen ? sighting.At : known.LastSeen,
            Answers = known.Answers + (sighting.Batch is null ? 1 : 0),
            Submissions = known.Submissions + (sighting.Batch is null ? 0 : 1),
            Flags = flags,
        };
    }

    public LineageLog Log() => new([.. Versions], Folded, FoldedFlagged);

    private void Add(ModelVersionEntry entry)
    {
        if (Versions.Count == Capacity)
        {
            Folded++;
            FoldedFlagged += Versions[0].IsFlagged ? 1 : 0;
            Versions.RemoveAt(0);
        }

        Versions.Add(entry);
    }

    /// <summary>The flags of a claim to have trained through <paramref name="trainedThrough"/>: only the stronger of the two data flags.</summary>
    private static ImmutableArray<ModelFlag> Check(ImmutableArray<ModelFlag> flags, int trainedThrough, ModelSighting sighting) =>
        trainedThrough > sighting.HighestReleased ? With(flags, ModelFlag.UnreleasedData)
        : trainedThrough > sighting.HighestFetched ? With(flags, ModelFlag.UnfetchedData)
        : flags;

    private static ImmutableArray<ModelFlag> With(ImmutableArray<ModelFlag> flags, ModelFlag flag) =>
        flags.IsDefault ? [flag] : flags.Contains(flag) ? flags : flags.Add(flag);
}
