using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace PPipe.Cluster.Soak.Hosting;

/// <summary>
/// The throwaway PostgreSQL server of one run, made by <c>scripts/postgres.sh start</c> (its binaries, a temp
/// directory, a free loopback port) and then restarted once by this harness with the same options plus
/// <c>pg_stat_statements</c> and the configured <c>max_connections</c>. It can be stopped abruptly
/// (<c>pg_ctl stop -m immediate</c>) and started again on the same directory and port. Disposing runs
/// <c>scripts/postgres.sh stop</c>, which stops it and deletes the directory.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    public const string Database = "ppipe";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly RepoLayout _repo;
    private readonly int _maxConnections;

    private PostgresServer(RepoLayout repo, string directory, string bin, int port, int maxConnections)
    {
        _repo = repo;
        Directory = directory;
        Bin = bin;
        Port = port;
        _maxConnections = maxConnections;
    }

    public string Directory { get; }

    public string Bin { get; }

    public int Port { get; }

    public string ServerLog => Path.Combine(Directory, "server.log");

    /// <summary>Whether pg_stat_statements is loaded (its library was found next to the server binaries).</summary>
    public bool HasStatements { get; private set; }

    public string Version { get; private set; } = "";

    /// <summary>A superuser connection to the soak's database, without pooling (monitoring must not hold connections).</summary>
    public string MonitorConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={Database};Pooling=false;Timeout=3;Command Timeout=10";

    /// <summary>What the hosts get as <c>ConnectionStrings__PPipe</c>.</summary>
    public string HostConnectionString(int maxPoolSize) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={Database};Maximum Pool Size={maxPoolSize}";

    /// <summary>The postmaster's process id while the server runs.</summary>
    public int? PostmasterPid
    {
        get
        {
            var file = Path.Combine(Directory, "data", "postmaster.pid");
            try
            {
                return File.Exists(file) && int.TryParse(File.ReadLines(file).First(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    public static async Task<PostgresServer> StartAsync(RepoLayout repo, int maxConnections, TextWriter log, CancellationToken cancellationToken)
    {
        var started = await ShellCommand.RunAsync("bash", [repo.PostgresScript, "start"], repo.Root, TimeSpan.FromMinutes(5), cancellationToken);
        var exports = Export().Matches(started.Output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        if (started.ExitCode != 0 || !exports.TryGetValue("PPIPE_PG_DIR", out var directory) || !exports.TryGetValue("PPIPE_PG_BIN", out var bin)
            || !exports.TryGetValue("PPIPE_TEST_POSTGRES", out var connection))
        {
            throw new InvalidOperationException($"scripts/postgres.sh start failed:\n{started.Output}");
        }

        var port = new NpgsqlConnectionStringBuilder(connection).Port;
        var server = new PostgresServer(repo, directory, bin, port, maxConnections);
        try
        {
            server.HasStatements = File.Exists(Path.Combine(bin, "..", "lib", "pg_stat_statements.so"));
            // Restarted with this harness's options: the same as the script's, plus pg_stat_statements and max_connections.
            await server.RunPgCtlAsync("-m fast -w stop", cancellationToken);
            await server.StartAgainAsync(cancellationToken);
            await using (var admin = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false"))
            {
                await admin.OpenAsync(cancellationToken);
                server.Version = admin.PostgreSqlVersion.ToString();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", admin);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            if (server.HasStatements)
            {
                await using var db = new NpgsqlConnection(server.MonitorConnectionString);
                await db.OpenAsync(cancellationToken);
                await using var extension = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", db);
                await extension.ExecuteNonQueryAsync(cancellationToken);
            }

            log.WriteLine($"PostgreSQL {server.Version} on 127.0.0.1:{port} in {directory} (max_connections {maxConnections}, pg_stat_statements {server.HasStatements})");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>pg_ctl stop -m immediate</c>: every backend is killed at once, as a crash or a lost database host.</summary>
    public Task StopImmediatelyAsync(CancellationToken cancellationToken) => RunPgCtlAsync("-m immediate -w stop", cancellationToken);

    /// <summary>Starts the server on the same directory and port with the harness's options.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken)
    {
        var preload = HasStatements ? " -c shared_preload_libraries=pg_stat_statements" : "";
        var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k {Directory} -c max_connections={_maxConnections} -c fsync=on -c shared_buffers=128MB{preload}";
        return RunPgCtlAsync($"-l '{ServerLog}' -w -t 60 -o \"{options}\" start", cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await ShellCommand.RunAsync("bash", [_repo.PostgresScript, "stop", Directory], _repo.Root, CommandTimeout, CancellationToken.None);
    }

    private async Task RunPgCtlAsync(string arguments, CancellationToken cancellationToken)
    {
        var result = await ShellCommand.RunAsPostgresAsync($"'{Bin}/pg_ctl' -D '{Directory}/data' {arguments}", CommandTimeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl {arguments} failed ({result.ExitCode}):\n{result.Output}");
        }
    }

    [GeneratedRegex(@"export (\w+)='([^']*)'")]
    private static partial Regex Export();
}
