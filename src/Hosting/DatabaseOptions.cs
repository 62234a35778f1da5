namespace PPipe.Hosting;

/// <summary>PostgreSQL settings for cluster mode. Bound from the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Name of the connection string (<c>ConnectionStrings:PPipe</c>).</summary>
    public const string ConnectionStringName = "PPipe";

    /// <summary>Apply pending schema scripts when a silo starts (safe when several start at once).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
