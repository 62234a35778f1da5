namespace PPipe.Scenarios.Generation;

/// <summary>The concept from <see cref="Start"/> until the next piece: fixed weights <see cref="A"/>, a blend
/// from <see cref="A"/> to <see cref="B"/> over <see cref="Span"/>, or <see cref="B"/> for <see cref="Active"/>
/// at the start of every <see cref="Span"/> and <see cref="A"/> otherwise.</summary>
internal readonly record struct ConceptPiece(TimeSpan Start, ConceptPieceKind Kind, double[] A, double[] B, TimeSpan Span, TimeSpan Active)
{
    /// <summary>The weights in force at <paramref name="t"/>, and the share of rows following <see cref="B"/>
    /// instead (non-zero only during a blend).</summary>
    public (double[] Weights, double[] Other, double OtherShare) At(TimeSpan t)
    {
        switch (Kind)
        {
            case ConceptPieceKind.Blend:
                var share = Math.Clamp((t - Start).Ticks / (double)Span.Ticks, 0, 1);
                return (A, B, share);
            case ConceptPieceKind.Alternating:
                var phase = (t - Start).Ticks % Span.Ticks;
                return (phase < Active.Ticks ? B : A, B, 0);
            default:
                return (A, B, 0);
        }
    }
}
