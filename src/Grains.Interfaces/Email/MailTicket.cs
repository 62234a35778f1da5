namespace PPipe.Grains.Interfaces.Email;

/// <summary>
/// What a one-time link stands for: its kind, the address it was mailed to, the cohort and (for sign-in and recovery) the
/// student, the name to enroll under and the join code (for a join), and when it stops working.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.MailTicket")]
public sealed record MailTicket(
    MailTicketKind Kind,
    string Address,
    string CohortId,
    string? StudentId,
    string Name,
    string? Code,
    DateTimeOffset ExpiresAt);
