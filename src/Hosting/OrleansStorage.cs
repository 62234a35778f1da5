namespace PPipe.Hosting;

/// <summary>What backs cluster membership, grain state and reminders.</summary>
public enum OrleansStorage
{
    /// <summary>In-process memory: a single process, nothing persists.</summary>
    Memory,

    /// <summary>PostgreSQL through the Orleans ADO.NET providers: a durable, multi-silo cluster.</summary>
    PostgreSql,
}
