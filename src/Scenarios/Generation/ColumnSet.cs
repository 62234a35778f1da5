namespace PPipe.Scenarios.Generation;

/// <summary>Which columns a stream publishes.</summary>
internal enum ColumnSet
{
    /// <summary>Id, timestamp, features, target.</summary>
    Release,

    /// <summary>Id, timestamp, features.</summary>
    Features,

    /// <summary>Id and target.</summary>
    Labels,
}
