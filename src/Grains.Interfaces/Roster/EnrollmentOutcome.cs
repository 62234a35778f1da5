namespace PPipe.Grains.Interfaces.Roster;

/// <summary>
/// What happened to one roster row: enrolled with its token, already enrolled as the same person (with the same token
/// again: sending a roster twice changes nothing), or refused with a reason. <see cref="Row"/> is the row's position
/// in the uploaded roster, from 1.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.EnrollmentOutcome")]
public sealed record EnrollmentOutcome(int Row, string StudentId, string? Token, string? Error, bool AlreadyEnrolled = false);
