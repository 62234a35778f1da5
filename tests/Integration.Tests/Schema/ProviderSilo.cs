namespace PPipe.Integration.Tests.Schema;

/// <summary>
/// One in-process silo on a freshly migrated database, shared by a test class (tests use fresh grain
/// keys). Cluster and service ids are unique to this fixture.
/// </summary>
public sealed class ProviderSilo : IAsyncLifetime
{
    private readonly MigratedDatabase _database = new();
    private InProcessSilo? _silo;

    public string ClusterId { get; } = $"contract-{Guid.NewGuid():N}";

    public string ServiceId { get; } = $"contract-service-{Guid.NewGuid():N}";

    public MigratedDatabase Database => _database;

    public InProcessSilo Silo => _silo ?? throw new InvalidOperationException("Not initialized.");

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _silo = await InProcessSilo.StartAsync(_database.ConnectionString, ClusterId, ServiceId, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
