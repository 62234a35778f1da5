using System.Net;

namespace PPipe.Integration.Tests.Cohorts;

/// <summary>Calendar feed URLs are credentials: guessing them is slowed down like bad tokens (its own platform: the block would hit other tests).</summary>
public sealed class CalendarGuessLimitTests(EmbeddedPlatform platform) : IClassFixture<EmbeddedPlatform>
{
    [Fact]
    public async Task UnknownFeedUrls_MoreThanTheLimit_429WithRetryAfter()
    {
        using var guesser = new HttpClient { BaseAddress = platform.BaseAddress };
        var ct = TestContext.Current.CancellationToken;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < EmbeddedPlatform.AuthFailures + 2; i++)
        {
            statuses.Add((await guesser.GetAsync($"/api/v1/calendar/ppc_{new string((char)('A' + i), 43)}.ics", ct)).StatusCode);
        }

        var blocked = await guesser.GetAsync("/api/v1/calendar/ppc_" + new string('z', 43) + ".ics", ct);

        Assert.Equal(EmbeddedPlatform.AuthFailures, statuses.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.True(blocked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}
