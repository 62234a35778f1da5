namespace PPipe.Simulation.Learning;

/// <summary>One encoded row as ML.NET reads it: the features, and the label under the type its trainer wants.</summary>
internal sealed class TreeRow
{
    public float[] Features { get; set; } = [];

    /// <summary>The target of a regression.</summary>
    public float Value { get; set; }

    /// <summary>The target of a binary classification (one class against the rest).</summary>
    public bool IsClass { get; set; }
}
