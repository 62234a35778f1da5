namespace PPipe.Simulation.Endpoints;

/// <summary>A model endpoint that <see cref="SimulatedEndpoints"/> serves at <c>/students/{Name}/predict</c>.</summary>
public interface ISimulatedEndpoint
{
    /// <summary>The path segment the endpoint is served under; unique within a host.</summary>
    string Name { get; }

    EndpointBehaviour Behaviour { get; }

    /// <summary>The current model, or null before the first one is trained (the endpoint then answers 503).</summary>
    ServedModel? Serving { get; }

    /// <summary>Called after every call, from the server's threads.</summary>
    void Served(EndpointCall call);
}
