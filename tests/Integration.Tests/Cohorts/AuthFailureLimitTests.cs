using System.Net;
using System.Net.Http.Headers;

namespace PPipe.Integration.Tests.Cohorts;

/// <summary>Repeated bad credentials from one client are slowed down (its own platform: the block would hit other tests).</summary>
public sealed class AuthFailureLimitTests(EmbeddedPlatform platform) : IClassFixture<EmbeddedPlatform>
{
    [Fact]
    public async Task BadTokens_MoreThanTheLimit_429WithRetryAfterEvenForAdminKey()
    {
        using var guesser = new HttpClient { BaseAddress = platform.BaseAddress };
        guesser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "ppt_" + new string('B', 43));
        using var admin = new HttpClient { BaseAddress = platform.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmbeddedPlatform.AdminKey);
        var ct = TestContext.Current.CancellationToken;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < EmbeddedPlatform.AuthFailures + 2; i++)
        {
            statuses.Add((await guesser.GetAsync("/api/v1/me", ct)).StatusCode);
        }

        var blocked = await admin.GetAsync("/api/v1/admin/templates", ct);

        Assert.Equal(EmbeddedPlatform.AuthFailures, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.True(blocked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}
