namespace PPipe.Scenarios.Spec;

/// <summary>
/// Lays a spec over its template's defaults. Sections merge key by key; a key the author writes replaces
/// the template's value. Lists and name maps (<c>drift</c>, <c>quirks</c>, <c>grading.criteria</c>) and the
/// <c>late</c> policy replace the template's as a whole, and writing either <c>channel</c> or <c>rotation</c>
/// replaces both — a half-merged list or policy would say something nobody wrote.
/// </summary>
internal static class SpecMerge
{
    public static ScenarioSpec Over(ScenarioSpec spec, ScenarioSpec defaults) => new()
    {
        Template = spec.Template,
        Dataset = spec.Dataset,
        Title = spec.Title ?? defaults.Title,
        Briefing = spec.Briefing ?? defaults.Briefing,
        Seed = spec.Seed ?? defaults.Seed,
        Duration = spec.Duration ?? defaults.Duration,
        Task = spec.Task ?? defaults.Task,
        Target = spec.Target ?? defaults.Target,
        Metric = spec.Metric ?? defaults.Metric,
        Forecast = spec.Forecast is null || defaults.Forecast is null
            ? spec.Forecast ?? defaults.Forecast
            : new ForecastSpec
            {
                Series = spec.Forecast.Series ?? defaults.Forecast.Series,
                Horizon = spec.Forecast.Horizon ?? defaults.Forecast.Horizon,
                Season = spec.Forecast.Season ?? defaults.Forecast.Season,
                History = spec.Forecast.History ?? defaults.Forecast.History,
                Step = spec.Forecast.Step ?? defaults.Forecast.Step,
            },
        Releases = Releases(spec.Releases, defaults.Releases),
        Batches = Batches(spec.Batches, defaults.Batches),
        Endpoint = Endpoint(spec.Endpoint, defaults.Endpoint),
        Drift = spec.Drift ?? defaults.Drift,
        Quirks = spec.Quirks ?? defaults.Quirks,
        Grading = Grading(spec.Grading, defaults.Grading),
        Monitoring = spec.Monitoring is null || defaults.Monitoring is null
            ? spec.Monitoring ?? defaults.Monitoring
            : new MonitoringSpec
            {
                Window = spec.Monitoring.Window ?? defaults.Monitoring.Window,
                DetectWithin = spec.Monitoring.DetectWithin ?? defaults.Monitoring.DetectWithin,
                ReportsPerDay = spec.Monitoring.ReportsPerDay ?? defaults.Monitoring.ReportsPerDay,
                PostmortemAfter = spec.Monitoring.PostmortemAfter ?? defaults.Monitoring.PostmortemAfter,
            },
    };

    private static ReleasesSpec? Releases(ReleasesSpec? spec, ReleasesSpec? defaults)
    {
        if (spec is null || defaults is null)
        {
            return spec ?? defaults;
        }

        var channelsWritten = spec.Channel is not null || spec.Rotation is not null;
        return new ReleasesSpec
        {
            First = spec.First ?? defaults.First,
            Cadence = spec.Cadence ?? defaults.Cadence,
            Rows = spec.Rows ?? defaults.Rows,
            Lag = spec.Lag ?? defaults.Lag,
            Channel = channelsWritten ? spec.Channel : defaults.Channel,
            Rotation = channelsWritten ? spec.Rotation : defaults.Rotation,
        };
    }

    private static BatchesSpec? Batches(BatchesSpec? spec, BatchesSpec? defaults) =>
        spec is null || defaults is null
            ? spec ?? defaults
            : new BatchesSpec
            {
                Enabled = spec.Enabled ?? defaults.Enabled,
                First = spec.First ?? defaults.First,
                Cadence = spec.Cadence ?? defaults.Cadence,
                Rows = spec.Rows ?? defaults.Rows,
                DueAfter = spec.DueAfter ?? defaults.DueAfter,
                LabelDelay = spec.LabelDelay ?? defaults.LabelDelay,
                SubmissionLimit = spec.SubmissionLimit ?? defaults.SubmissionLimit,
                Late = spec.Late ?? defaults.Late,
            };

    private static EndpointSpec? Endpoint(EndpointSpec? spec, EndpointSpec? defaults) =>
        spec is null || defaults is null
            ? spec ?? defaults
            : new EndpointSpec
            {
                Enabled = spec.Enabled ?? defaults.Enabled,
                From = spec.From ?? defaults.From,
                ProbeInterval = spec.ProbeInterval ?? defaults.ProbeInterval,
                RowsPerProbe = spec.RowsPerProbe ?? defaults.RowsPerProbe,
                Timeout = spec.Timeout ?? defaults.Timeout,
                Slo = spec.Slo is null || defaults.Slo is null
                    ? spec.Slo ?? defaults.Slo
                    : new SloSpec
                    {
                        Availability = spec.Slo.Availability ?? defaults.Slo.Availability,
                        P95LatencyMs = spec.Slo.P95LatencyMs ?? defaults.Slo.P95LatencyMs,
                    },
            };

    private static GradingSpec? Grading(GradingSpec? spec, GradingSpec? defaults) =>
        spec is null || defaults is null
            ? spec ?? defaults
            : new GradingSpec
            {
                Criteria = spec.Criteria ?? defaults.Criteria,
                Levels = spec.Levels is null || defaults.Levels is null
                    ? spec.Levels ?? defaults.Levels
                    : new LevelsSpec
                    {
                        Proficient = spec.Levels.Proficient ?? defaults.Levels.Proficient,
                        Advanced = spec.Levels.Advanced ?? defaults.Levels.Advanced,
                        Expert = spec.Levels.Expert ?? defaults.Levels.Expert,
                    },
            };
}
