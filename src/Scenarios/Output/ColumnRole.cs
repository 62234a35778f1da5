namespace PPipe.Scenarios.Output;

/// <summary>What a column holds.</summary>
public enum ColumnRole
{
    Id,
    Timestamp,

    /// <summary>A feature of the world (possibly renamed, possibly revealed by a quirk).</summary>
    Feature,

    /// <summary>A column added by a quirk with no bearing on the target.</summary>
    Added,
    Target,
}
