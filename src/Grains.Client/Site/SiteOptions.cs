namespace PPipe.Grains.Client.Site;

/// <summary>Where people reach the platform: the <c>Site</c> section, read by every host (links in mails and feeds are built from it).</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>
    /// The absolute base URL of the platform as its users reach it (<c>https://ppipe.example.edu/</c>). Unset: the front
    /// end's own first listening address in embedded mode; in cluster mode it must be set on every host.
    /// </summary>
    public Uri? PublicUrl { get; set; }
}
