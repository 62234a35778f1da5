using Microsoft.Extensions.Options;

namespace PPipe.Grains.Client.Site;

/// <summary>
/// The platform's public base URL (<see cref="SiteOptions.PublicUrl"/>), which every absolute link the platform hands out
/// starts with: links in mails, the join link an instructor shares, calendar feeds. Never taken from a request's
/// <c>Host</c> header, which a client chooses. In embedded mode, when unset, the front end gives its own listening address
/// once it listens (<see cref="UseListeningAddress"/>). One singleton per process.
/// </summary>
public sealed class PublicSite(IOptions<SiteOptions> options)
{
    private Uri? _listening;

    /// <summary>Whether links can be built now.</summary>
    public bool IsKnown => Configured is not null || _listening is not null;

    /// <summary>The base URL, ending in <c>/</c>; throws when neither configured nor given by the front end.</summary>
    public Uri BaseUrl => Configured ?? _listening ?? throw new InvalidOperationException(
        "The platform's public address is not known: set Site:PublicUrl (environment variable Site__PublicUrl) to the URL people reach it at.");

    /// <summary>The absolute URL of <paramref name="relative"/> (a path with an optional query, with or without its leading <c>/</c>).</summary>
    public Uri Link(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        return new Uri(BaseUrl, relative.TrimStart('/'));
    }

    /// <summary>Uses <paramref name="address"/> (the front end's own) when no public URL is configured; the first call wins.</summary>
    public void UseListeningAddress(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Interlocked.CompareExchange(ref _listening, WithSlash(address), null);
    }

    private Uri? Configured => options.Value.PublicUrl is { } url ? WithSlash(url) : null;

    private static Uri WithSlash(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException($"Site:PublicUrl must be an absolute http(s) URL (got '{url}').");
        }

        var text = url.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }
}
