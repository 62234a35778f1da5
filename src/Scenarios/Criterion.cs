namespace PPipe.Scenarios;

/// <summary>A rubric criterion; spelled in specs in camelCase (<c>batchQuality</c>).</summary>
public enum Criterion
{
    Acquisition,
    BatchQuality,
    Punctuality,
    EndpointAvailability,
    EndpointLatency,
    EndpointQuality,
    Adaptation,
}
