namespace PPipe.Integration.Tests.Infrastructure;

/// <summary>A PPipe.Silo child process and the silo port that identifies it in the cluster.</summary>
public sealed record SiloProcess(HostProcess Process, int SiloPort) : IAsyncDisposable
{
    /// <summary>True when a grain's runtime identity (e.g. <c>S127.0.0.1:41234:12345</c>) names this silo.</summary>
    public bool Runs(string runtimeIdentity) => runtimeIdentity.Contains($":{SiloPort}:", StringComparison.Ordinal);

    public Task KillAsync() => Process.KillAsync();

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
