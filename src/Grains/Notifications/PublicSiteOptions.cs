namespace PPipe.Grains.Notifications;

/// <summary>Where the site is reached from outside: links in notifications are built from it. Bound from the <c>Site</c> section.</summary>
public sealed class PublicSiteOptions
{
    public const string Section = "Site";

    /// <summary>The absolute base URL of the front ends, e.g. https://ppipe.example.edu/.</summary>
    public Uri PublicUrl { get; set; } = new("http://127.0.0.1:5080/");
}
