using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios;
using PPipe.Scenarios.Spec;

namespace PPipe.Frontend.Students;

/// <summary>
/// <c>GET /api/v1/me</c>: the enrollment, its cohort, scenario and clock, the channels, endpoint, webhook and bucket, and the
/// URL of the student's calendar feed.
/// </summary>
public sealed record MeResponse(
    string EnrollmentId,
    MeResponse.StudentPart Student,
    MeResponse.CohortPart Cohort,
    MeResponse.ScenarioPart Scenario,
    MeResponse.ClockPart Clock,
    IReadOnlyList<Channel> Channels,
    MeResponse.EndpointPart Endpoint,
    MeResponse.WebhookPart Webhook,
    StudentBucket Bucket,
    IReadOnlyList<MeResponse.FetchPart> Fetched,
    string? CalendarUrl = null)
{
    /// <summary>Who the enrollment is for.</summary>
    public sealed record StudentPart(string Id, string Name);

    /// <summary>The cohort and where it stands now.</summary>
    public sealed record CohortPart(string Id, string Name, CohortStatus Status);

    /// <summary>
    /// The scenario: what is predicted (<c>target</c>), how it is scored, the briefing, and for classification the
    /// class labels and, for binary tasks, the class whose probability is expected (empty and null for regression).
    /// </summary>
    public sealed record ScenarioPart(
        string Id,
        int Version,
        string Title,
        ScenarioTask Task,
        string Target,
        Metric Metric,
        string Briefing,
        IReadOnlyList<string> Classes,
        string? PositiveClass,
        ForecastPart? Forecast = null);

    /// <summary>
    /// For a forecast task only: the column naming each series (null when the data is one series) and its values, the step
    /// (a duration such as <c>1h</c>: over a dataset, the scenario time each recorded step takes),
    /// how many steps each batch asks for, the season MASE compares with (in steps), and how many recent values of its
    /// series each probe instance carries in <c>history</c>.
    /// </summary>
    public sealed record ForecastPart(string? Series, IReadOnlyList<string> SeriesValues, string Step, int Horizon, int Season, int ProbeHistory);

    /// <summary>Wall time now, scenario time now, the speed, and when the scenario starts and ends (null while paused before).</summary>
    public sealed record ClockPart(DateTimeOffset Now, DateTimeOffset ScenarioNow, double Speed, DateTimeOffset StartsAt, DateTimeOffset? EndsAt, bool Paused);

    /// <summary>The model endpoint registered, if any, and its state.</summary>
    public sealed record EndpointPart(string? Url, EndpointStatus Status);

    /// <summary>The webhook registered, if any.</summary>
    public sealed record WebhookPart(string? Url);

    /// <summary>A release fetched: when first, and through which channel.</summary>
    public sealed record FetchPart(int Seq, DateTimeOffset At, Channel Channel);

    /// <summary>What <paramref name="view"/> and <paramref name="snapshot"/> say, with the bucket served at <paramref name="baseUrl"/>.</summary>
    public static MeResponse Of(StudentView view, EnrollmentSnapshot snapshot, string baseUrl, string region)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(snapshot);
        var scenario = view.Scenario;
        var target = scenario.Target;
        return new MeResponse(
            view.Enrollment.ToString(),
            new StudentPart(snapshot.Student.StudentId, snapshot.Student.Name),
            new CohortPart(view.Cohort.Id, view.Cohort.Name, view.Cohort.StatusAt(view.Now)),
            new ScenarioPart(view.Cohort.ScenarioId, view.Cohort.Version, scenario.Title, scenario.Task, target.Name, scenario.Metric,
                scenario.Briefing, target.Task.IsNumeric() ? [] : [.. target.Classes], target.PositiveClass,
                scenario.Forecast is { } forecast
                    ? new ForecastPart(forecast.SeriesColumn, forecast.Series, ScenarioDuration.Format(forecast.Step), forecast.Horizon, forecast.Season,
                        forecast.ContextSteps)
                    : null),
            new ClockPart(view.Now, view.ScenarioNow, view.Cohort.Clock.Speed, view.Cohort.Clock.StartsAt, view.WallTimeAt(scenario.Duration),
                view.Cohort.Clock.IsPaused),
            [.. scenario.Releases.Rotation.Distinct()],
            new EndpointPart(snapshot.EndpointUrl, EndpointStatuses.Of(snapshot)),
            new WebhookPart(snapshot.WebhookUrl),
            StudentBucket.Of(snapshot.Bucket, baseUrl, region),
            [.. snapshot.Fetches.Select(f => new FetchPart(f.Seq, f.At, ChannelNames.Parse(f.Channel)))]);
    }
}
