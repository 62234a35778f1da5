using System.Globalization;

namespace PPipe.Cluster.Soak;

/// <summary>Reads the command line: a profile, then overrides.</summary>
public static class SoakArguments
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/Cluster.Soak -- [--profile full|ci|small] [overrides]

          --students N          enrollments in total              --roster N          students per cohort
          --duration 12m        traffic period (s, m, h)           --speed N           scenario speed
          --sse N               event streams kept open            --sims N            simulated students per cohort
          --webhook-pollers N   pollers with a webhook per cohort  --downloaders 0.1   share that downloads releases
          --poll 30s-60s        poll interval range                --workers N         polls in flight at most
          --drain 60s           wait after the traffic             --pool N            Maximum Pool Size per host
          --max-connections N   PostgreSQL max_connections         --no-faults         no fault schedule
          --no-build            use the hosts as built             --results PATH      where RESULTS.md goes
          --env NAME=VALUE      extra environment for every host (repeatable)
        """;

    /// <summary>The options, or throws <see cref="ArgumentException"/> naming the argument.</summary>
    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var options = SoakProfiles.Ci;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--profile" => Profile(Value()),
                "--students" => options with { Students = Int(name, Value()) },
                "--roster" => options with { RosterSize = Int(name, Value()) },
                "--duration" => options with { TrafficDuration = Duration(name, Value()) },
                "--speed" => options with { Speed = Double(name, Value()) },
                "--sse" => options with { EventStreams = Int(name, Value()) },
                "--sims" => options with { SimulatedPerCohort = Int(name, Value()) },
                "--webhook-pollers" => options with { WebhookPollersPerCohort = Int(name, Value()) },
                "--downloaders" => options with { DownloaderShare = Double(name, Value()) },
                "--poll" => Poll(options, name, Value()),
                "--workers" => options with { PollWorkers = Int(name, Value()) },
                "--drain" => options with { Drain = Duration(name, Value()) },
                "--pool" => options with { MaxPoolSize = Int(name, Value()) },
                "--max-connections" => options with { PostgresMaxConnections = Int(name, Value()) },
                "--no-faults" => options with { Faults = false },
                "--no-build" => options with { Build = false },
                "--results" => options with { ResultsPath = Path.GetFullPath(Value()) },
                "--env" => Environment(options, environment, Value()),
                _ => throw new ArgumentException($"Unknown argument '{name}'."),
            };
        }

        if (options.Students < 1 || options.RosterSize < 1 || options.SimulatedPerCohort > options.RosterSize)
        {
            throw new ArgumentException("Give at least one student, rosters of at least one, and no more simulated students than a roster holds.");
        }

        return options with { HostEnvironment = environment };
    }

    private static SoakOptions Profile(string name) =>
        SoakProfiles.Named(name) ?? throw new ArgumentException($"Unknown profile '{name}': use full, ci or small.");

    private static SoakOptions Poll(SoakOptions options, string name, string value)
    {
        var parts = value.Split('-');
        return parts.Length == 2
            ? options with { PollMin = Duration(name, parts[0]), PollMax = Duration(name, parts[1]) }
            : throw new ArgumentException($"{name} takes a range such as 30s-60s.");
    }

    private static SoakOptions Environment(SoakOptions options, Dictionary<string, string> environment, string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"--env takes NAME=VALUE, not '{value}'.");
        }

        environment[value[..equals]] = value[(equals + 1)..];
        return options;
    }

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new ArgumentException($"{name} takes a whole number, not '{value}'.");

    private static double Double(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new ArgumentException($"{name} takes a number, not '{value}'.");

    /// <summary>90s, 12m, 1h or a plain number of seconds.</summary>
    public static TimeSpan Duration(string name, string value)
    {
        var unit = value.Length > 0 ? value[^1] : ' ';
        var number = char.IsLetter(unit) ? value[..^1] : value;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0)
        {
            throw new ArgumentException($"{name} takes a duration such as 90s, 12m or 1h, not '{value}'.");
        }

        return unit switch
        {
            'h' => TimeSpan.FromHours(n),
            'm' => TimeSpan.FromMinutes(n),
            's' or >= '0' and <= '9' => TimeSpan.FromSeconds(n),
            _ => throw new ArgumentException($"{name} takes a duration such as 90s, 12m or 1h, not '{value}'."),
        };
    }
}
