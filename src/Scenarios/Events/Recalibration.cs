namespace PPipe.Scenarios.Events;

/// <summary>
/// A sensor is recalibrated: from <c>At</c> on, the published readings of <see cref="Feature"/>
/// are offset by <see cref="Shift"/>, while the world (and so the target) still follows the true value.
/// A model trained on old readings now misreads the new ones.
/// </summary>
public sealed record Recalibration(TimeSpan At, string? Note, string Feature, double Shift) : DriftEvent(At, Note)
{
    public override TimeSpan? Until => null;

    public override bool CallsForRetraining => true;
}
