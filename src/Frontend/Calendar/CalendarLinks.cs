using PPipe.Grains.Client.Releases;

namespace PPipe.Frontend.Calendar;

/// <summary>
/// Where a student's calendar feed is served. The absolute URL is built from the address the student's own request came
/// to (scheme, host, path base), the same way <c>/api/v1/me</c> builds the bucket endpoint; behind a proxy that rewrites
/// the host, forward it (<c>X-Forwarded-Host</c> with ASP.NET's forwarded headers).
/// </summary>
public static class CalendarLinks
{
    /// <summary>The feed's path under the API: <c>/api/v1/calendar/{secret}.ics</c>.</summary>
    public static string FeedPath(string secret) => $"{ApiRoutes.Base}/calendar/{secret}.ics";

    /// <summary>The absolute feed URL as seen by <paramref name="request"/>.</summary>
    public static string FeedUrl(HttpRequest request, string secret)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FeedUrl($"{request.Scheme}://{request.Host}{request.PathBase}", secret);
    }

    /// <summary>The absolute feed URL under <paramref name="baseUrl"/> (with or without a trailing slash).</summary>
    public static string FeedUrl(string baseUrl, string secret)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return baseUrl.TrimEnd('/') + FeedPath(secret);
    }

    /// <summary>The same feed as a <c>webcal://</c> link, which desktop and phone calendars open as a subscription.</summary>
    public static string Webcal(string feedUrl)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        var scheme = feedUrl.IndexOf("://", StringComparison.Ordinal);
        return scheme < 0 ? feedUrl : "webcal" + feedUrl[scheme..];
    }
}
