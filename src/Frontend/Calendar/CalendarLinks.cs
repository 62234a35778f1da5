using PPipe.Grains.Client.Releases;
using PPipe.Grains.Client.Site;

namespace PPipe.Frontend.Calendar;

/// <summary>
/// Where a student's calendar feed is served. The absolute URL starts with the platform's public address
/// (<see cref="PublicSite"/>, <c>Site:PublicUrl</c>, or embedded mode's own address), as a link a calendar app keeps for
/// months should; only a cluster with no public address configured falls back to the scheme and host of the request.
/// </summary>
public static class CalendarLinks
{
    /// <summary>The feed's path under the API: <c>/api/v1/calendar/{secret}.ics</c>.</summary>
    public static string FeedPath(string secret) => $"{ApiRoutes.Base}/calendar/{secret}.ics";

    /// <summary>The absolute feed URL: under the public address when it is known, else under <paramref name="requestBase"/>.</summary>
    public static string FeedUrl(PublicSite site, string requestBase, string secret)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(requestBase);
        return site.IsKnown ? site.Link(FeedPath(secret)).ToString() : requestBase.TrimEnd('/') + FeedPath(secret);
    }

    /// <summary>The absolute feed URL for a student's API request (see <see cref="FeedUrl(PublicSite, string, string)"/>).</summary>
    public static string FeedUrl(PublicSite site, HttpRequest request, string secret)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FeedUrl(site, $"{request.Scheme}://{request.Host}{request.PathBase}", secret);
    }

    /// <summary>The same feed as a <c>webcal://</c> link, which desktop and phone calendars open as a subscription.</summary>
    public static string Webcal(string feedUrl)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        var scheme = feedUrl.IndexOf("://", StringComparison.Ordinal);
        return scheme < 0 ? feedUrl : "webcal" + feedUrl[scheme..];
    }
}
