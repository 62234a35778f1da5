using System.ComponentModel.DataAnnotations;

namespace PPipe.Hosting;

/// <summary>PostgreSQL settings for cluster mode. Bound from the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Name of the connection string (<c>ConnectionStrings:PPipe</c>).</summary>
    public const string ConnectionStringName = "PPipe";

    /// <summary>Apply pending schema scripts when a silo starts (safe when several start at once).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// The most connections this process opens to PostgreSQL (Npgsql's <c>Maximum Pool Size</c>, unless the connection
    /// string sets one). Every silo and front end has its own pool, so size it so that the sum over all processes stays
    /// below the server's <c>max_connections</c> (100 by default), with a few to spare for the operator's tools.
    /// </summary>
    [Range(2, 1000)]
    public int MaxPoolSize { get; set; } = 20;

    /// <summary>
    /// How many attempts one grain-state read or write gets when storage fails in a way a retry may cure (a dropped
    /// connection, a restarting server). The attempts span about two seconds, so a longer outage reaches callers
    /// quickly as "unavailable" rather than holding requests.
    /// </summary>
    [Range(1, 10)]
    public int StorageAttempts { get; set; } = 4;
}
