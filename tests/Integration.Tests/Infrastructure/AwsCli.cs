using System.Diagnostics;

namespace PPipe.Integration.Tests.Infrastructure;

/// <summary>
/// Runs the real AWS CLI (Debian's awscli, installed by scripts/test.sh) against a loopback endpoint,
/// with credentials only from the environment and a throwaway HOME, so nothing of the machine's own
/// AWS configuration is read and no metadata service is asked.
/// </summary>
public sealed class AwsCli(string endpoint, string accessKeyId, string secretAccessKey, string region = "us-east-1") : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("ppipe-aws-");

    public sealed record Result(int ExitCode, string Output, string Error);

    public async Task<Result> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _home.FullName,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add("--endpoint-url");
        info.ArgumentList.Add(endpoint);
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("PYTHON", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["HOME"] = _home.FullName;
        info.Environment["AWS_CONFIG_FILE"] = Path.Combine(_home.FullName, ".aws", "config");
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_home.FullName, ".aws", "credentials");
        info.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        info.Environment["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
        info.Environment["AWS_DEFAULT_REGION"] = region;
        info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        info.Environment["AWS_PAGER"] = "";
        info.Environment["AWS_MAX_ATTEMPTS"] = "1";

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"aws {string.Join(' ', args)} did not finish within 60 s.");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    public void Dispose() => _home.Delete(recursive: true);

    private static string Executable()
    {
        // Debian's package first: a user-level install earlier on PATH (pyenv, pip) is not what CI has.
        const string debian = "/usr/bin/aws";
        if (File.Exists(debian))
        {
            return debian;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "aws"))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException(
            "The AWS CLI is not installed. scripts/test.sh installs it with: apt-get install -y --no-install-recommends awscli");
    }
}
