namespace PPipe.Simulation.Endpoints;

/// <summary>One call a simulated endpoint served: when it arrived, the status it answered (0 when dropped),
/// how many instances it held and how long the answer took.</summary>
public sealed record EndpointCall(DateTimeOffset At, int Status, int Rows, TimeSpan Latency, EndpointOutcome Outcome);
