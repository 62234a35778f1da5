namespace PPipe.Simulation.Students;

/// <summary>An attempt to register the student's endpoint: the URL, the platform's status code and its answer
/// (which holds the result of the verification probe).</summary>
public sealed record EndpointRegistration(DateTimeOffset At, Uri Url, int Status, string Response)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
