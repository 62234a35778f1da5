namespace PPipe.Frontend.Join;

/// <summary>
/// The answer to a request for a mail (a join, a sign-in link, a lost token): always the same for the same route, whether
/// or not the address is enrolled, so that nobody learns who is.
/// </summary>
public sealed record MailRequestAccepted(string Detail)
{
    public static readonly MailRequestAccepted Join = new(
        "If this address can join, a mail with a confirmation link is on its way to it. The link works once and expires; " +
        "if nothing arrives within a few minutes, look in the spam folder, then ask again.");

    public static readonly MailRequestAccepted SignIn = new(
        "If this address belongs to a student, a mail with a one-time sign-in link is on its way to it.");

    public static readonly MailRequestAccepted Recovery = new(
        "If this address belongs to a student, a mail with a one-time link to replace the token is on its way to it.");
}
