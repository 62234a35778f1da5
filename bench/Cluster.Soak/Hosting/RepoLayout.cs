namespace PPipe.Cluster.Soak.Hosting;

/// <summary>Where the repository, its scripts and the built hosts are.</summary>
public sealed class RepoLayout(string root)
{
    public string Root { get; } = root;

    public string PostgresScript => Path.Combine(Root, "scripts", "postgres.sh");

    public string SiloDll => Path.Combine(Root, "src", "Silo", "bin", "Release", "net10.0", "PPipe.Silo.dll");

    public string FrontendDll => Path.Combine(Root, "src", "Frontend", "bin", "Release", "net10.0", "PPipe.Frontend.dll");

    /// <summary>RESULTS.md for the full profile; RESULTS-&lt;profile&gt;.md for the others, so a CI run never overwrites the full figures.</summary>
    public string DefaultResults(string profile) =>
        Path.Combine(Root, "bench", "Cluster.Soak", profile == "full" ? "RESULTS.md" : $"RESULTS-{profile}.md");

    /// <summary>The repository holding PPipe.sln above the current folder or this program.</summary>
    public static RepoLayout Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PPipe.sln")))
                {
                    return new RepoLayout(dir.FullName);
                }
            }
        }

        throw new InvalidOperationException("PPipe.sln not found above the current folder or " + AppContext.BaseDirectory);
    }

    /// <summary>Builds the silo and the front end in Release (incremental), as operators' start commands expect.</summary>
    public async Task BuildHostsAsync(TextWriter log, CancellationToken cancellationToken)
    {
        foreach (var project in new[] { "src/Silo/Silo.csproj", "src/Frontend/Frontend.csproj" })
        {
            log.WriteLine($"Building {project} (Release)...");
            var result = await ShellCommand.RunAsync("dotnet", ["build", project, "-c", "Release", "-nologo", "-v", "q"], Root,
                TimeSpan.FromMinutes(10), cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"Building {project} failed:\n{result.Output}");
            }
        }
    }

    /// <summary>The commit that last changed src/ (what the hosts are built from) and HEAD, marked when src/ has uncommitted changes.</summary>
    public async Task<string> CommitAsync(CancellationToken cancellationToken)
    {
        var source = await ShellCommand.RunAsync("git", ["log", "-1", "--format=%h", "--", "src"], Root, TimeSpan.FromSeconds(10), cancellationToken);
        var head = await ShellCommand.RunAsync("git", ["rev-parse", "--short", "HEAD"], Root, TimeSpan.FromSeconds(10), cancellationToken);
        var status = await ShellCommand.RunAsync("git", ["status", "--porcelain", "--", "src"], Root, TimeSpan.FromSeconds(10), cancellationToken);
        var commit = source.ExitCode == 0 && head.ExitCode == 0 ? $"{source.Output.Trim()} (repository at {head.Output.Trim()})" : "unknown";
        return status.ExitCode == 0 && status.Output.Trim().Length > 0 ? commit + ", src/ modified" : commit;
    }
}
