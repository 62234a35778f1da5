namespace PPipe.ReferenceModels;

/// <summary>One encoded row as ML.NET reads it: the features, and the label under the type its trainer wants.</summary>
internal sealed class TreeRow
{
    public float[] Features { get; set; } = [];

    /// <summary>The target of a regression.</summary>
    public float Value { get; set; }

    /// <summary>The target of a binary fit (the positive class, or one class against the rest).</summary>
    public bool IsClass { get; set; }
}
