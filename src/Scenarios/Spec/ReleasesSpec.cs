namespace PPipe.Scenarios.Spec;

/// <summary>When labelled data is published and through which channel: one <see cref="Channel"/> for all
/// releases, or a <see cref="Rotation"/> taken in turn (release 1 the first, release 2 the second...).</summary>
public sealed record ReleasesSpec
{
    public string? First { get; init; }

    public string? Cadence { get; init; }

    public int? Rows { get; init; }

    /// <summary>How old the newest row of a release is when it is published (labels known only later).</summary>
    public string? Lag { get; init; }

    public string? Channel { get; init; }

    public IReadOnlyList<string>? Rotation { get; init; }
}
