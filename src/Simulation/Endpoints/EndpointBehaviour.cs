namespace PPipe.Simulation.Endpoints;

/// <summary>
/// How a simulated model endpoint misbehaves: the share of calls that fail (half answered 500, half dropped
/// without an answer) and a delay before every answer. Failures are drawn deterministically from
/// <see cref="Seed"/> and the call's number, so a run can be repeated.
/// </summary>
public sealed record EndpointBehaviour(double FailureRate, TimeSpan Delay, ulong Seed)
{
    public static EndpointBehaviour Reliable { get; } = new(0, TimeSpan.Zero, 0);
}
