using System.Net;
using System.Text.RegularExpressions;
using PPipe.Integration.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Hosting;

/// <summary>The browser UI in cluster mode: accounts live in cluster storage and a sign-in holds on every front end.</summary>
public sealed partial class UiClusterTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_OnOneFrontEnd_IsAcceptedByAnotherAndTheAdminComesFromConfiguration()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("ui");
        var settings = new ClusterSettings(database.ConnectionString);
        await using var silo = HostProcess.Start("silo", RepoPaths.SiloDll, settings.ForSilo());
        await silo.WaitForLineAsync("Application started", StartTimeout);
        var (portA, portB) = (FreePort.Next(), FreePort.Next());
        await using var frontA = HostProcess.Start("front-a", RepoPaths.FrontendDll, WithAdmin(settings.ForFrontendClient(portA)));
        await using var frontB = HostProcess.Start("front-b", RepoPaths.FrontendDll, WithAdmin(settings.ForFrontendClient(portB)));
        await frontA.WaitForLineAsync("P-PIPE is serving", StartTimeout);
        await frontB.WaitForLineAsync("P-PIPE is serving", StartTimeout);
        var cookies = new CookieContainer();
        using var browserA = Browser(portA, cookies);
        using var browserB = Browser(portB, cookies);

        var signedIn = await Eventually.ReturnsAsync(() => SignInAsync(browserA, "correct-horse-battery-staple"), r => r.StatusCode == HttpStatusCode.Redirect, "the admin account to be created", TimeSpan.FromSeconds(30), cancellationToken: TestContext.Current.CancellationToken);
        var onB = await browserB.GetAsync("/", Ct);
        var wrong = await SignInAsync(browserB, "not-the-password");

        Assert.Equal("/cohorts", signedIn.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Contains("Sign out", await onB.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("The user name or password is wrong.", await wrong.Content.ReadAsStringAsync(Ct));
    }

    private static Dictionary<string, string> WithAdmin(Dictionary<string, string> environment) => new(environment)
    {
        ["Accounts__Admin__UserName"] = "admin",
        ["Accounts__Admin__Password"] = "correct-horse-battery-staple",
    };

    private static HttpClient Browser(int port, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

    /// <summary>Signs in as a browser would: the form's antiforgery token from one front end, the post to the same one.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string password)
    {
        var form = await browser.GetStringAsync("/signin", Ct);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "instructor",
            ["__RequestVerificationToken"] = token,
            ["Instructor.UserName"] = "admin",
            ["Instructor.Password"] = password,
        }), Ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
