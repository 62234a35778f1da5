using PPipe.Integration.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Cohorts;

/// <summary>One embedded-mode front end process shared by a test class, with small limits so they can be hit.</summary>
public sealed class EmbeddedPlatform : IAsyncLifetime
{
    public const string AdminKey = "api-tests-admin-key";
    public const int StudentBurst = 8;
    public const int AuthFailures = 5;

    private HostProcess? _process;

    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var port = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _process = HostProcess.Start("frontend", RepoPaths.FrontendDll, new Dictionary<string, string>
        {
            ["Admin__ApiKey"] = AdminKey,
            ["Api__StudentBurst"] = StudentBurst.ToString(),
            ["Api__StudentRequestsPerSecond"] = "1",
            ["Api__AuthFailuresPerWindow"] = AuthFailures.ToString(),
            ["Demo__Enabled"] = "false",
        }, "--urls", BaseAddress.ToString());
        await _process.WaitForLineAsync("P-PIPE is serving", TimeSpan.FromSeconds(90));
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
