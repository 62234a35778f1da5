using Microsoft.Extensions.Options;
using PPipe.Grains.Client.Site;

namespace PPipe.Grains.Tests.Site;

public sealed class PublicSiteTests
{
    [Fact]
    public void Link_ConfiguredUrlWithAPath_KeepsThePathAndAddsTheRelativeOne()
    {
        var site = new PublicSite(Options.Create(new SiteOptions { PublicUrl = new Uri("https://courses.example.edu/ppipe") }));

        Assert.Equal("https://courses.example.edu/ppipe/join/confirm?t=abc", site.Link("/join/confirm?t=abc").AbsoluteUri);
    }

    [Fact]
    public void BaseUrl_ConfiguredAndListening_TheConfiguredOneWins()
    {
        var site = new PublicSite(Options.Create(new SiteOptions { PublicUrl = new Uri("https://ppipe.example.edu/") }));

        site.UseListeningAddress(new Uri("http://127.0.0.1:5080/"));

        Assert.Equal("https://ppipe.example.edu/", site.BaseUrl.AbsoluteUri);
    }

    [Fact]
    public void BaseUrl_NotConfigured_TheFirstListeningAddressGiven()
    {
        var site = new PublicSite(Options.Create(new SiteOptions()));
        Assert.False(site.IsKnown);

        site.UseListeningAddress(new Uri("http://127.0.0.1:5080"));
        site.UseListeningAddress(new Uri("http://127.0.0.1:9999"));

        Assert.True(site.IsKnown);
        Assert.Equal("http://127.0.0.1:5080/signin/link?t=x", site.Link("signin/link?t=x").AbsoluteUri);
    }

    [Fact]
    public void BaseUrl_NeitherConfiguredNorListening_SaysWhichKeyToSet()
    {
        var site = new PublicSite(Options.Create(new SiteOptions()));

        var failure = Assert.Throws<InvalidOperationException>(() => site.BaseUrl);

        Assert.Contains("Site:PublicUrl", failure.Message, StringComparison.Ordinal);
    }
}
