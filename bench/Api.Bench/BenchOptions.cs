using System.Globalization;

namespace PPipe.Api.Bench;

/// <summary>Command-line settings. Defaults are the issue's: 10,000 students, 256 connections, 2 wrk threads, 15 s runs; 5 rounds.</summary>
public sealed record BenchOptions
{
    public int Students { get; init; } = 10_000;

    public int Connections { get; init; } = 256;

    public int Threads { get; init; } = 2;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Each round runs every case once, in a rotated order, so no case always runs first or last.</summary>
    public int Rounds { get; init; } = 5;

    /// <summary>Concurrent requests while touching every enrollment once.</summary>
    public int TouchConcurrency { get; init; } = 32;

    /// <summary>Rebuild the front end in Release before starting, even if its output exists.</summary>
    public bool RebuildFrontend { get; init; }

    /// <summary>Stop after the memory readings: no load runs, and RESULTS.md is left as it is.</summary>
    public bool MemoryOnly { get; init; }

    /// <summary>Extra environment for the front end process (e.g. runtime GC settings to compare).</summary>
    public IReadOnlyDictionary<string, string> FrontendEnvironment { get; init; } = new Dictionary<string, string>();

    public const string Usage =
        "usage: dotnet run -c Release --project bench/Api.Bench -- [--students N] [--connections N] [--threads N] " +
        "[--duration SECONDS] [--warmup SECONDS] [--rounds N] [--rebuild-frontend] [--memory-only] [--frontend-env NAME=VALUE]...";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--students" => options with { Students = Positive(args, ref i) },
                "--connections" => options with { Connections = Positive(args, ref i) },
                "--threads" => options with { Threads = Positive(args, ref i) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(args, ref i)) },
                "--warmup" => options with { WarmUp = TimeSpan.FromSeconds(Positive(args, ref i)) },
                "--rounds" => options with { Rounds = Positive(args, ref i) },
                "--rebuild-frontend" => options with { RebuildFrontend = true },
                "--memory-only" => options with { MemoryOnly = true },
                "--frontend-env" => options with { FrontendEnvironment = WithVariable(options.FrontendEnvironment, args, ref i) },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}"),
            };
        }

        return options;
    }

    private static Dictionary<string, string> WithVariable(IReadOnlyDictionary<string, string> environment, string[] args, ref int i)
    {
        var name = args[i];
        if (++i >= args.Length || args[i].Split('=', 2) is not [{ Length: > 0 } key, var value])
        {
            throw new ArgumentException($"{name} needs NAME=VALUE.\n{Usage}");
        }

        return new Dictionary<string, string>(environment) { [key] = value };
    }

    private static int Positive(string[] args, ref int i)
    {
        var name = args[i];
        if (++i >= args.Length || !int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new ArgumentException($"{name} needs a positive whole number.\n{Usage}");
        }

        return value;
    }
}
