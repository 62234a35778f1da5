using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>
/// One model version as the platform saw it in a student's probe answers and batch submissions: what it claimed when
/// first seen (<see cref="TrainedThrough"/>, <see cref="Digest"/>), when it was first and last seen (scenario time), where
/// first (<see cref="FirstBatch"/>: the batch's seq, or null for a probe answer), how many probe answers and accepted
/// submissions named it, how many releases the student had fetched when it was first seen, and what was flagged.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.ModelVersionEntry")]
public sealed record ModelVersionEntry(
    string Version,
    int TrainedThrough,
    string? Digest,
    TimeSpan FirstSeen,
    TimeSpan LastSeen,
    int? FirstBatch,
    int Answers,
    int Submissions,
    int FetchedWhenFirstSeen,
    ImmutableArray<ModelFlag> Flags)
{
    public bool IsFlagged => !Flags.IsDefaultOrEmpty;
}
