using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>
/// The model versions a student's answers and submissions named, in the order first seen (at most the newest 64), and
/// how many older ones were dropped to keep it bounded, and of those how many were flagged.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.LineageLog")]
public sealed record LineageLog(ImmutableArray<ModelVersionEntry> Versions, int Folded, int FoldedFlagged)
{
    public static readonly LineageLog Empty = new([], 0, 0);
}
