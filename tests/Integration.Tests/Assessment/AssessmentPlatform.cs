using PPipe.Integration.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Assessment;

/// <summary>One embedded-mode front end for the assessment API tests, with roomy student rate limits and no demo.</summary>
public sealed class AssessmentPlatform : IAsyncLifetime
{
    public const string AdminKey = "assessment-tests-admin-key";

    private HostProcess? _process;

    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        _process = HostProcess.Start("frontend", RepoPaths.FrontendDll, new Dictionary<string, string>
        {
            ["Admin__ApiKey"] = AdminKey,
            ["Api__StudentBurst"] = "200",
            ["Api__StudentRequestsPerSecond"] = "100",
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
