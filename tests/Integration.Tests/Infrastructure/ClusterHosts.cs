namespace PPipe.Integration.Tests.Infrastructure;

/// <summary>
/// Cluster hosts started as an operator starts them: <c>PPipe.Silo migrate</c> first, then silos that do not migrate on
/// start, each waited for until it says it has started.
/// </summary>
public static class ClusterHosts
{
    /// <summary>How long a host may take to start (or the migration to finish) on a loaded two-core machine.</summary>
    public static readonly TimeSpan HostStartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Runs the schema migration against the cluster's database and asserts it succeeded.</summary>
    public static async Task MigrateAsync(ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var migrate = HostProcess.Start("migrate", RepoPaths.SiloDll, settings.ForSilo(), "migrate");
        var exitCode = await migrate.WaitForExitAsync(HostStartTimeout);
        Assert.True(exitCode == 0, migrate.Output);
    }

    /// <summary>Starts a silo named <paramref name="name"/> in the cluster and waits until it has started.</summary>
    public static async Task<SiloProcess> StartSiloAsync(ClusterSettings settings, string name)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = settings.ForSilo();
        environment["Database__MigrateOnStart"] = "false";
        var silo = HostProcess.Start(name, RepoPaths.SiloDll, environment);
        await silo.WaitForLineAsync("Application started", HostStartTimeout);
        return new SiloProcess(silo, int.Parse(environment["Cluster__SiloPort"], System.Globalization.CultureInfo.InvariantCulture));
    }
}
