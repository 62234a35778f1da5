using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using PPipe.Api.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Api.Tests.Join;

/// <summary>
/// The pages mailed links open, over real HTTP with the browser's cookies and form tokens: opening a link uses nothing
/// (mail scanners open links), its button does, once.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class MailedLinkPagesTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignInLink_OpenedTwiceThenUsed_SignsInOnceAndTheStudentPageOpens()
    {
        var (address, _) = await EnrolledStudentAsync();
        using var api = platform.Anonymous();
        await api.PostAsJsonAsync("/api/v1/signin-links", new { email = address }, Ct);
        var link = MailDrop.LinkIn(Assert.Single(await platform.Mail.WaitForAsync(address, cancellationToken: Ct)), platform.BaseAddress + "signin/link?t=");
        using var browser = Browser();

        var first = await browser.GetStringAsync(link, Ct);
        var second = await browser.GetStringAsync(link, Ct);
        var signedIn = await PostFormAsync(browser, link, second, "signin-link");
        var studentPage = await browser.GetAsync("/student", Ct);
        using var elsewhere = Browser();
        var replay = await elsewhere.GetStringAsync(link, Ct);

        Assert.Contains("Sign in to your page of <strong>Contract tests</strong>", first, StringComparison.Ordinal);
        Assert.Contains("Sign in to your page of", second, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/student", signedIn.Headers.Location is { IsAbsoluteUri: true } location ? location.AbsolutePath : signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, studentPage.StatusCode);
        Assert.Contains("This link was used already", replay, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JoinPages_JoinFormThenConfirmButton_ShowTheTokenOnceAndSignIn()
    {
        var cohort = await platform.CreateCohortAsync();
        using var admin = platform.Admin();
        var code = (await (await admin.PostAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/join", new { }, Ct))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("code").GetString()!;
        var address = $"{Guid.NewGuid():N}@example.org";
        using var browser = Browser();

        var joinPage = await browser.GetStringAsync($"/join/{code}", Ct);
        var requested = await PostFormAsync(browser, new Uri(platform.BaseAddress, $"join/{code}"), joinPage, "join",
            ("Form.Name", "Page Joiner"), ("Form.Email", address));
        var link = MailDrop.LinkIn(Assert.Single(await platform.Mail.WaitForAsync(address, cancellationToken: Ct)), platform.BaseAddress + "join/confirm?t=");
        var confirmPage = await browser.GetStringAsync(link, Ct);
        var confirmed = await PostFormAsync(browser, link, confirmPage, "confirm");
        Assert.True(confirmed.Headers.CacheControl?.NoStore, "The page with the token is never kept by a cache.");
        Assert.Equal("no-referrer", string.Join(",", confirmed.Headers.GetValues("Referrer-Policy")));
        var shown = await confirmed.Content.ReadAsStringAsync(Ct);
        var again = await browser.GetStringAsync(link, Ct);

        Assert.Contains("Join Contract tests", joinPage, StringComparison.Ordinal);
        Assert.Contains("Check your inbox", await requested.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("Confirm and show my token", confirmPage, StringComparison.Ordinal);
        Assert.Matches("value=\"ppt_[A-Za-z0-9_-]{43}\"", shown);
        Assert.Contains("this once", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("ppt_", again, StringComparison.Ordinal);
        Assert.Contains("This link was used already", again, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/student", Ct)).StatusCode);
    }

    [Fact]
    public async Task JoinPage_UnknownCode_APageSayingSo()
    {
        using var browser = Browser();

        var response = await browser.GetAsync("/join/AAAAAAAAAAAAAAAAAAAAAA", Ct);

        Assert.Contains("No such join link", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRecoverPage_FormThenMailedLink_ShowsTheNewTokenAndTheOldOneStops()
    {
        var (address, oldToken) = await EnrolledStudentAsync();
        using var browser = Browser();

        var form = await browser.GetStringAsync("/token/recover", Ct);
        var asked = await PostFormAsync(browser, new Uri(platform.BaseAddress, "token/recover"), form, "recover", ("Form.Email", address));
        var link = MailDrop.LinkIn(Assert.Single(await platform.Mail.WaitForAsync(address, cancellationToken: Ct)), platform.BaseAddress + "token/recover?t=");
        var page = await browser.GetStringAsync(link, Ct);
        var replaced = await (await PostFormAsync(browser, link, page, "replace")).Content.ReadAsStringAsync(Ct);
        var newToken = TokenPattern().Match(replaced).Groups[1].Value;

        Assert.Contains("is on its way", await asked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("Replace my token", page, StringComparison.Ordinal);
        Assert.NotEqual("", newToken);
        Assert.Equal(HttpStatusCode.OK, (await platform.Student(newToken).GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.Student(oldToken).GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignInPage_EmailMeALink_SameAnswerForAStrangerAndNoMail()
    {
        var stranger = $"{Guid.NewGuid():N}@example.org";
        using var browser = Browser();

        var page = await browser.GetStringAsync("/signin", Ct);
        var asked = await PostFormAsync(browser, new Uri(platform.BaseAddress, "signin"), page, "signin-link", ("Link.Email", stranger));

        Assert.Contains("a mail with a one-time sign-in link is on its way", await asked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(platform.Mail.To(stranger));
    }

    private async Task<(string Address, string Token)> EnrolledStudentAsync()
    {
        var cohort = await platform.CreateCohortAsync();
        using var admin = platform.Admin();
        var address = $"{Guid.NewGuid():N}@example.org";
        var enrolled = await admin.PostAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/enrollments",
            new[] { new { studentId = "s-" + Guid.NewGuid().ToString("N")[..8], name = "Link Student", email = address } }, Ct);
        enrolled.EnsureSuccessStatusCode();
        var body = await enrolled.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        return (address, body.GetProperty("students")[0].GetProperty("token").GetString()!);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, as a browser's first hop.</summary>
    private HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = platform.BaseAddress };

    /// <summary>Posts the Blazor form <paramref name="formName"/> of <paramref name="page"/> back to <paramref name="url"/> with its antiforgery token.</summary>
    private static Task<HttpResponseMessage> PostFormAsync(HttpClient browser, Uri url, string page, string formName, params (string Name, string Value)[] fields)
    {
        var token = AntiforgeryPattern().Match(page);
        Assert.True(token.Success, "The page has no antiforgery token.");
        List<KeyValuePair<string, string>> form = [new("_handler", formName), new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))];
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return browser.PostAsync(url, new FormUrlEncodedContent(form), Ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();

    [GeneratedRegex("value=\"(ppt_[A-Za-z0-9_-]{43})\"")]
    private static partial Regex TokenPattern();
}
