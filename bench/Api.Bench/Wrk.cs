using System.Globalization;
using System.Text.RegularExpressions;

namespace PPipe.Api.Bench;

/// <summary>The wrk load generator (Debian package <c>wrk</c>): installing it, scripting it, reading its report.</summary>
public static partial class Wrk
{
    /// <summary>
    /// One pre-built request per student token (Authorization, and If-None-Match when given), sent in
    /// rotation, so every request costs wrk the same whatever the case. Arguments: token file, ETag.
    /// </summary>
    public const string RotatingTokensScript = """
        local requests = {}
        local index = 0

        function init(args)
          local etag = args[2]
          for token in io.lines(args[1]) do
            local headers = { ["Authorization"] = "Bearer " .. token }
            if etag ~= nil and etag ~= "" then
              headers["If-None-Match"] = etag
            end
            requests[#requests + 1] = wrk.format("GET", wrk.path, headers)
          end
          if #requests == 0 then
            error("no tokens in " .. args[1])
          end
        end

        function request()
          index = index % #requests + 1
          return requests[index]
        end
        """;

    public sealed record Result(
        double RequestsPerSecond, TimeSpan P50, TimeSpan P99, long Requests, long NotOk, long SocketErrors, string Output);

    /// <summary>The path of wrk, installing it with apt-get when it is missing and this process runs as root.</summary>
    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (Command.Find("wrk") is { } installed)
        {
            return installed;
        }

        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("wrk is not installed. Install it with 'sudo apt-get install -y wrk' (Debian package wrk) and run again.");
        }

        Console.WriteLine("wrk is missing: installing the Debian package wrk ...");
        var quiet = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        var install = await Command.RunAsync("apt-get", ["install", "-y", "-q", "wrk"], cancellationToken, environment: quiet);
        if (install.ExitCode != 0)
        {
            await Command.RunAsync("apt-get", ["update", "-q"], cancellationToken, environment: quiet);
            install = await Command.RunAsync("apt-get", ["install", "-y", "-q", "wrk"], cancellationToken, environment: quiet);
        }

        return Command.Find("wrk")
            ?? throw new InvalidOperationException($"Could not install wrk (apt-get exit {install.ExitCode}):\n{install.Output}");
    }

    public static async Task<Result> RunAsync(string wrk, Uri url, string script, IReadOnlyList<string> scriptArguments,
        int connections, int threads, TimeSpan duration, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-d", $"{(int)duration.TotalSeconds}s",
            "--timeout", "10s",
            "--latency",
            "-s", script,
            url.ToString(),
            "--",
            .. scriptArguments,
        ];
        var run = await Command.RunAsync(wrk, arguments, cancellationToken);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed (exit {run.ExitCode}):\n{run.Output}");
        }

        return Parse(run.Output);
    }

    public static Result Parse(string output)
    {
        var rate = RequestsPerSecond().Match(output);
        var p50 = Percentile().Matches(output).FirstOrDefault(m => m.Groups["p"].Value == "50");
        var p99 = Percentile().Matches(output).FirstOrDefault(m => m.Groups["p"].Value == "99");
        var total = TotalRequests().Match(output);
        if (!rate.Success || p50 is null || p99 is null || !total.Success)
        {
            throw new InvalidOperationException($"Could not read wrk's report:\n{output}");
        }

        var notOk = NotOkResponses().Match(output);
        var socket = SocketErrors().Match(output);
        var socketErrors = socket.Success
            ? Enumerable.Range(1, 4).Sum(i => long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture))
            : 0;
        return new Result(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            Latency(p50), Latency(p99),
            long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture),
            notOk.Success ? long.Parse(notOk.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socketErrors,
            output);
    }

    private static TimeSpan Latency(Match match)
    {
        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "us" => TimeSpan.FromMicroseconds(value),
            "ms" => TimeSpan.FromMilliseconds(value),
            "s" => TimeSpan.FromSeconds(value),
            "m" => TimeSpan.FromMinutes(value),
            var unit => throw new InvalidOperationException($"wrk printed a latency in an unknown unit '{unit}'."),
        };
    }

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+(?<p>\d+)%\s+(?<value>[\d.]+)(?<unit>us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentile();

    [GeneratedRegex(@"^\s*(\d+) requests in ", RegexOptions.Multiline)]
    private static partial Regex TotalRequests();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NotOkResponses();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
