using Microsoft.Extensions.Logging;

namespace PPipe.Simulation.Students;

/// <summary>Log messages of simulated students.</summary>
internal static partial class StudentLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated student {Student}: {Operation} failed, will retry: {Problem}")]
    public static partial void StepFailed(ILogger logger, string student, string operation, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated student {Student}: {Operation} failed again, will retry: {Problem}")]
    public static partial void StepFailedAgain(ILogger logger, string student, string operation, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated student {Student} fetched release {Seq} ({Rows} rows) through {Channel}")]
    public static partial void Fetched(ILogger logger, string student, int seq, int rows, string channel);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated student {Student} trained on releases {Releases} ({Rows} rows) in {Milliseconds:0} ms")]
    public static partial void Trained(ILogger logger, string student, string releases, int rows, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated student {Student} submitted batch {Seq}: {Status}")]
    public static partial void Submitted(ILogger logger, string student, int seq, int status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated student {Student} reported a {Kind} incident ({Features}): {Status}")]
    public static partial void Reported(ILogger logger, string student, string kind, string features, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated student {Student} registered its endpoint {Url}: {Status}")]
    public static partial void Registered(ILogger logger, string student, Uri url, int status);
}
