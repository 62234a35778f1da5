using System.Collections.Immutable;
using PPipe.Scenarios.Generation;

namespace PPipe.ReferenceModels;

/// <summary>
/// The two reference predictions for every row of a <see cref="ReferenceTable"/> (row <c>i</c> of each array is the
/// table's row <c>i</c>), and a summary per model: one oracle per period in period order, then the stale model.
/// </summary>
public sealed record ReferenceFit(ConceptOutput[] Oracle, ConceptOutput[] Stale, ImmutableArray<ReferenceModelSummary> Models);
