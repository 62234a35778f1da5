using System.Globalization;
using System.Text.Json;
using PPipe.Scenarios;

namespace PPipe.Simulation.Students;

/// <summary>What a student's program learns from <c>GET /api/v1/me</c>: the task, target and metric, the clock, the bucket.
/// <see cref="ReadAt"/> and <see cref="ScenarioNow"/> are the platform's wall and scenario time when it answered;
/// <see cref="PositiveClass"/> is the class whose probability a binary task scores (null when the platform names none).</summary>
public sealed record StudentEnrollment(
    string EnrollmentId,
    string ScenarioId,
    ScenarioTask Task,
    string Target,
    Metric Metric,
    double Speed,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    bool Paused,
    IReadOnlyList<string> Channels,
    BucketAccess? Bucket,
    DateTimeOffset ReadAt,
    DateTimeOffset ScenarioNow,
    string? PositiveClass = null)
{
    /// <summary>Reads the body of <c>/api/v1/me</c>; throws <see cref="FormatException"/> when a needed field is missing.</summary>
    public static StudentEnrollment Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var scenario = Property(root, "scenario");
        var clock = Property(root, "clock");
        var task = Text(scenario, "task");
        var metric = Text(scenario, "metric");
        if (!Enum.TryParse<ScenarioTask>(task, ignoreCase: true, out var parsedTask) || !Enum.TryParse<Metric>(metric, ignoreCase: true, out var parsedMetric))
        {
            throw new FormatException($"Unknown task '{task}' or metric '{metric}' in /api/v1/me.");
        }

        BucketAccess? bucket = null;
        if (root.TryGetProperty("bucket", out var b) && b.ValueKind == JsonValueKind.Object
            && Uri.TryCreate(OptionalText(b, "endpoint"), UriKind.Absolute, out var endpoint))
        {
            bucket = new BucketAccess(endpoint, Text(b, "bucket"), Text(b, "accessKeyId"), Text(b, "secretAccessKey"), OptionalText(b, "region") ?? "us-east-1");
        }

        var speed = clock.TryGetProperty("speed", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 1;
        var startsAt = Time(clock, "startsAt") ?? throw new FormatException("/api/v1/me has no clock.startsAt.");
        var now = Time(clock, "now") ?? throw new FormatException("/api/v1/me has no clock.now.");
        return new StudentEnrollment(
            Text(root, "enrollmentId"),
            OptionalText(scenario, "id") ?? "",
            parsedTask,
            Text(scenario, "target"),
            parsedMetric,
            speed,
            startsAt,
            Time(clock, "endsAt"),
            clock.TryGetProperty("paused", out var paused) && paused.ValueKind == JsonValueKind.True,
            root.TryGetProperty("channels", out var channels) && channels.ValueKind == JsonValueKind.Array
                ? [.. channels.EnumerateArray().Select(c => c.GetString() ?? "")]
                : [],
            bucket,
            now,
            Time(clock, "scenarioNow") ?? startsAt + (now - startsAt) * speed,
            OptionalText(scenario, "positiveClass"));
    }

    /// <summary>A scenario-time span as wall time at this cohort's speed.</summary>
    public TimeSpan WallTimeOf(TimeSpan scenarioTime) => Speed > 0 ? scenarioTime / Speed : scenarioTime;

    /// <summary>The scenario time at wall time <paramref name="wall"/>, as the clock read at <see cref="ReadAt"/> runs on
    /// (from the start when read before it; held while paused); never before the start.</summary>
    public DateTimeOffset ScenarioTimeAt(DateTimeOffset wall)
    {
        var (readAt, scenarioNow) = ReadAt < StartsAt ? (StartsAt, StartsAt) : (ReadAt, ScenarioNow);
        var at = Paused ? scenarioNow : scenarioNow + (wall - readAt) * Speed;
        return at < StartsAt ? StartsAt : at;
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new FormatException($"/api/v1/me has no '{name}' object.");

    private static string Text(JsonElement element, string name) =>
        OptionalText(element, name) ?? throw new FormatException($"/api/v1/me has no '{name}'.");

    private static string? OptionalText(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        OptionalText(element, name) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
}
