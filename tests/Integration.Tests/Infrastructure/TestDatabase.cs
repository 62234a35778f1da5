namespace PPipe.Integration.Tests.Infrastructure;

/// <summary>A database created for one test on the throwaway server; dropped on dispose.</summary>
public sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public ValueTask DisposeAsync() => new(PostgresServer.DropDatabaseAsync(Name));
}
