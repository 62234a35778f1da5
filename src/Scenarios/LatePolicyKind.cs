namespace PPipe.Scenarios;

/// <summary>What happens to predictions submitted after a batch is due.</summary>
public enum LatePolicyKind
{
    /// <summary>Late work counts in full (until the cutoff, if one is set, and never once the labels are revealed).</summary>
    Accept,

    /// <summary>Late work is refused.</summary>
    Reject,

    /// <summary>Late work counts with a penalty (until the cutoff, if one is set, and never once the labels are revealed).</summary>
    Penalty,
}
