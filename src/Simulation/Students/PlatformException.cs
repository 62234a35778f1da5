namespace PPipe.Simulation.Students;

/// <summary>The platform answered a request with an unexpected status.</summary>
internal sealed class PlatformException(string operation, PlatformResponse response)
    : Exception($"{operation} answered {response.Status}: {response.Excerpt}")
{
    public int Status => response.Status;
}
