using System.Diagnostics;
using System.Text;

namespace PPipe.Cluster.Soak.Hosting;

/// <summary>A short-lived command (build, git, pg_ctl), its output captured, killed with its children on timeout.</summary>
public static class ShellCommand
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, string workingDirectory, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        // The asynchronous readers may still hold the last lines: waiting without a timeout drains them.
        process.WaitForExit();
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }

    /// <summary>Runs a bash command line, as the PostgreSQL system user when this process is root (initdb refuses root).</summary>
    public static Task<Result> RunAsPostgresAsync(string commandLine, TimeSpan timeout, CancellationToken cancellationToken) =>
        Environment.UserName == "root"
            ? RunAsync("su", ["postgres", "-s", "/bin/bash", "-c", commandLine], "/", timeout, cancellationToken)
            : RunAsync("bash", ["-c", commandLine], "/", timeout, cancellationToken);

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
