using System.Collections.Concurrent;
using PPipe.Simulation.Endpoints;

namespace PPipe.Simulation.Tests.Endpoints;

/// <summary>An endpoint with a fixed behaviour and model, recording the calls it served.</summary>
public sealed class TestEndpoint(string name, EndpointBehaviour behaviour, ServedModel? serving) : ISimulatedEndpoint
{
    public string Name => name;

    public EndpointBehaviour Behaviour => behaviour;

    public ServedModel? Serving => serving;

    public ConcurrentQueue<EndpointCall> Calls { get; } = new();

    public void Served(EndpointCall call) => Calls.Enqueue(call);
}
