namespace PPipe.Frontend.Join;

/// <summary>The body of <c>POST /api/v1/join/{code}</c>: the name to enroll under and the address to confirm.</summary>
public sealed record JoinRequest(string? Name, string? Email);
