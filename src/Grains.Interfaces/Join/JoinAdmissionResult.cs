namespace PPipe.Grains.Interfaces.Join;

/// <summary>A join link's answer to a request: the admission, whether the link has an allowlist, and for a refusal by rate when to try again.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.JoinAdmissionResult")]
public sealed record JoinAdmissionResult(JoinAdmission Admission, bool Allowlist, TimeSpan RetryAfter);
