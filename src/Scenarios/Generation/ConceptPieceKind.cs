namespace PPipe.Scenarios.Generation;

internal enum ConceptPieceKind
{
    Fixed,
    Blend,
    Alternating,
}
