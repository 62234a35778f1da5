namespace PPipe.Frontend.Assessment;

/// <summary><c>PUT /api/v1/endpoint</c>: the URL registered, whether its verification probe passed, and that probe's attempts.</summary>
public sealed record EndpointRegistration(string Url, bool Ok, IReadOnlyList<ProbeView> Verification);
