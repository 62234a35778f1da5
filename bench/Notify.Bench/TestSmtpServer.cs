using System.Diagnostics;

namespace PPipe.Notify.Bench;

/// <summary>
/// The test SMTP server the tests use (<c>scripts/smtp.sh</c>: Debian's aiosmtpd on a free loopback port, every message
/// it accepts written to a Maildir), started for the run and stopped at its end.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _directory;

    private TestSmtpServer(string script, int port, string maildir, string directory)
    {
        _script = script;
        Port = port;
        Maildir = maildir;
        _directory = directory;
    }

    public int Port { get; }

    /// <summary>The Maildir the server writes each accepted message into (as a file in <c>new/</c>).</summary>
    public string Maildir { get; }

    public static async Task<TestSmtpServer> StartAsync(string repositoryRoot)
    {
        var script = Path.Combine(repositoryRoot, "scripts", "smtp.sh");
        var output = await RunAsync(script, "start");
        var exports = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('\'', '"'));
        return new TestSmtpServer(script, int.Parse(exports["PPIPE_TEST_SMTP_PORT"], System.Globalization.CultureInfo.InvariantCulture),
            exports["PPIPE_TEST_MAILDIR"], exports["PPIPE_SMTP_DIR"]);
    }

    /// <summary>Messages the server has accepted so far.</summary>
    public int Accepted()
    {
        var folder = Path.Combine(Maildir, "new");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Count() : 0;
    }

    public async ValueTask DisposeAsync() => await RunAsync(_script, "stop", _directory);

    private static async Task<string> RunAsync(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not run {script}.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} failed: {errors}");
    }
}
