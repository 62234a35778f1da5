namespace PPipe.Cluster.Soak.Load;

/// <summary>How a request ended, as a student's program sees it.</summary>
public enum Outcome
{
    Ok,
    NotModified,
    Unauthorized,
    NotFound,
    Conflict,
    TooManyRequests,
    OtherClientError,

    /// <summary>503 "The … channel is down": an outage the scenario itself schedules, not a failure.</summary>
    ScenarioOutage,
    Status500,
    Status502,
    Status503,
    Status504,
    OtherServerError,

    /// <summary>No front end accepted the connection (after the balancer tried the other one).</summary>
    ConnectFailed,

    /// <summary>The connection broke before a complete response.</summary>
    ConnectionLost,

    /// <summary>No response within the client's timeout.</summary>
    TimedOut,
    OtherFailure,
}
