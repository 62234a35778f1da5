using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Infrastructure;

/// <summary>
/// Configuration shared by the silos, front ends and clients of one test cluster on its own
/// database, as the environment variables an operator would set.
/// </summary>
public sealed class ClusterSettings(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public string ClusterId { get; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    public string AdminKey { get; } = "test-admin-" + Guid.NewGuid().ToString("N");

    /// <summary>Environment for one silo: its own ports, fast failure detection and short reminder periods.</summary>
    public Dictionary<string, string> ForSilo() => new(Common())
    {
        ["Cluster__SiloPort"] = FreePort.Next().ToString(),
        ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
    };

    public Dictionary<string, string> ForFrontendClient(int httpPort) => new(Common())
    {
        ["Cluster__Connection"] = "Client",
        ["Admin__ApiKey"] = AdminKey,
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
    };

    /// <summary>The same settings as in-memory configuration, for an Orleans client inside the test.</summary>
    public Dictionary<string, string?> AsConfiguration() =>
        Common().ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value);

    private Dictionary<string, string> Common() => new()
    {
        ["ConnectionStrings__PPipe"] = ConnectionString,
        ["Cluster__Storage"] = "PostgreSql",
        ["Cluster__ClusterId"] = ClusterId,
        ["Cluster__ServiceId"] = ClusterId,
        ["Cluster__AdvertisedHost"] = "127.0.0.1",
        // Test-only tuning: a killed silo is declared dead in seconds, reminders may tick every second.
        ["Cluster__Membership__ProbeTimeout"] = "00:00:01",
        ["Cluster__Membership__NumMissedProbesLimit"] = "2",
        ["Cluster__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Cluster__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
        ["Cluster__Reminders__MinimumReminderPeriod"] = "00:00:01",
        ["Cluster__Reminders__RefreshReminderListPeriod"] = "00:00:05",
        ["Cluster__Reminders__ReminderLoadingWindow"] = "00:10:00",
    };
}
