using Microsoft.Extensions.Logging;

namespace PPipe.Simulation.Demo;

/// <summary>Log messages of the demo seeder.</summary>
internal static partial class DemoLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: cohort {CohortId} on {ScenarioId} at speed {Speed} with {Students} simulated students; their endpoints are served at {Endpoints}")]
    public static partial void Seeded(ILogger logger, string cohortId, string scenarioId, double speed, int students, Uri endpoints);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo: {Operation} failed, retrying in {Seconds:0} s: {Problem}")]
    public static partial void SeedFailed(ILogger logger, string operation, double seconds, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo: simulated student {Student} stopped unexpectedly; restarting it")]
    public static partial void StudentCrashed(ILogger logger, Exception exception, string student);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: the scenario of cohort {CohortId} is over")]
    public static partial void Finished(ILogger logger, string cohortId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo: stopped after an unexpected error; the platform runs on without it")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo: not started: {Reason}")]
    public static partial void NotStarted(ILogger logger, string reason);
}
