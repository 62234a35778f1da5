namespace PPipe.Grains.Interfaces.Email;

/// <summary>A mail request taken, or refused because the address asked too often (then when to ask again).</summary>
[GenerateSerializer, Immutable, Alias("ppipe.MailRequestOutcome")]
public sealed record MailRequestOutcome(bool Accepted, TimeSpan RetryAfter)
{
    public static MailRequestOutcome Taken { get; } = new(true, TimeSpan.Zero);
}
