namespace PPipe.Grains;

/// <summary>Names of the grain storage providers the grains use; the host decides what backs them.</summary>
public static class StorageNames
{
    /// <summary>The one storage provider for P-PIPE state (memory in embedded mode, PostgreSQL in a cluster).</summary>
    public const string Default = "ppipe";
}
