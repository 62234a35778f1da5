namespace PPipe.Simulation.Endpoints;

/// <summary>What a simulated endpoint did with one call.</summary>
public enum EndpointOutcome
{
    /// <summary>200 with a prediction per instance.</summary>
    Answered,

    /// <summary>500, on purpose (a flaky endpoint).</summary>
    Failed,

    /// <summary>The connection was closed without an answer, on purpose (a flaky endpoint).</summary>
    Dropped,

    /// <summary>503: the student has no model yet.</summary>
    NoModel,

    /// <summary>400: the body was not <c>{"instances": [...]}</c>.</summary>
    BadRequest,

    /// <summary>503: the student is switching to a new model and the endpoint is down meanwhile.</summary>
    Redeploying,
}
