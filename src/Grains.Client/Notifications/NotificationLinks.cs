namespace PPipe.Grains.Client.Notifications;

/// <summary>
/// The absolute links notifications carry, built from the site's public address: the student's page (and its
/// notification settings), a cohort's page for the instructor, and the unsubscribe link in its two forms (the page a
/// person opens, and the RFC 8058 one-click address a mail client posts to).
/// </summary>
public sealed class NotificationLinks(Uri publicUrl)
{
    public const string UnsubscribePath = "/unsubscribe";
    public const string OneClickPath = "/api/v1/unsubscribe";
    public const string SettingsAnchor = "notifications";

    private readonly Uri _base = publicUrl.AbsoluteUri.EndsWith('/') ? publicUrl : new Uri(publicUrl.AbsoluteUri + "/");

    public Uri StudentPage => new(_base, "student");

    public Uri StudentSettings => new(_base, $"student#{SettingsAnchor}");

    public Uri Cohort(string cohortId) => new(_base, $"cohorts/{Uri.EscapeDataString(cohortId)}");

    /// <summary>The page that asks a person to confirm.</summary>
    public Uri UnsubscribePage(string token) => new(_base, $"{UnsubscribePath[1..]}?token={Uri.EscapeDataString(token)}");

    /// <summary>The address of the <c>List-Unsubscribe</c> header, for a one-click POST.</summary>
    public Uri OneClick(string token) => new(_base, $"{OneClickPath[1..]}?token={Uri.EscapeDataString(token)}");
}
