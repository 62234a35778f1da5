using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PPipe.Browser.Tests.Infrastructure;
using PPipe.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PPipe.Browser.Tests.Journeys;

/// <summary>
/// A student joins a cohort by themselves in a real browser: the instructor opens a join link on the roster page, the
/// student asks to join, the confirmation mail arrives at a real SMTP server (Debian's aiosmtpd, <c>scripts/smtp.sh</c>),
/// the student follows its link, sees their token once and lands on their page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class JoinJourneyTests(BrowserPlatform platform) : BrowserTest(platform)
{
    [Fact]
    public async Task Student_JoinsThroughTheLinkAndTheMailedConfirmation_SeesTheTokenOnceAndTheirPage()
    {
        var (_, mail) = MailDrop.TestServer();
        var cohortId = await Platform.Api.CreateCohortAsync("taxi-fares", DateTimeOffset.UtcNow, speed: 1440);
        await SignInAsInstructorAsync();
        await Page.GotoAsync($"/cohorts/{cohortId}/roster");
        var section = Page.GetByRole(AriaRole.Region, new() { Name = "Self-enrollment" });
        await Expect(section.GetByText("Self-enrollment is not open.")).ToBeVisibleAsync();
        await section.GetByLabel("Allowed e-mail domains").FillAsync("example.edu");
        await section.GetByRole(AriaRole.Button, new() { Name = "Open join link" }).ClickAsync();
        var shared = section.GetByRole(AriaRole.Definition).Filter(new() { HasText = "/join/" });
        await Expect(shared).ToBeVisibleAsync();
        var joinUrl = (await shared.InnerTextAsync()).Trim();
        await ScreenshotAsync("join-link-open");

        await using var studentContext = await Platform.Browser.NewContextAsync(new() { BaseURL = Platform.BaseAddress.ToString().TrimEnd('/') });
        var student = await studentContext.NewPageAsync();
        var address = $"joiner-{Guid.NewGuid():N}@example.edu";
        await student.GotoAsync(joinUrl);
        await Expect(student.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^Join "));
        await student.GetByLabel("Your name").FillAsync("Joan Joiner");
        await student.GetByLabel("Your e-mail address").FillAsync(address);
        await student.ScreenshotAsync(new() { Path = Screenshots.PathOf("join"), FullPage = true });
        await student.GetByRole(AriaRole.Button, new() { Name = "E-mail me a confirmation link" }).ClickAsync();
        await Expect(student.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();

        var confirmation = Assert.Single(await mail.WaitForAsync(address, cancellationToken: Ct));
        Assert.StartsWith("Confirm joining", confirmation.Subject, StringComparison.Ordinal);
        var link = MailDrop.LinkIn(confirmation, Platform.BaseAddress + "join/confirm?t=");
        await student.GotoAsync(link.ToString());
        await student.GetByRole(AriaRole.Button, new() { Name = "Confirm and show my token" }).ClickAsync();
        var token = student.GetByLabel(new Regex("^Token for "));
        await Expect(token).ToHaveValueAsync(TokenPattern());
        var tokenText = await token.InputValueAsync();
        await student.ScreenshotAsync(new() { Path = Screenshots.PathOf("join-token"), FullPage = true });

        await student.GetByRole(AriaRole.Link, new() { Name = "Open your course page" }).ClickAsync();
        await Expect(student.GetByText("Joan Joiner (j-")).ToBeVisibleAsync();
        using var api = Platform.Api.Student(tokenText);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", Ct)).StatusCode);

        await student.GotoAsync(link.ToString());
        await Expect(student.GetByRole(AriaRole.Alert)).ToContainTextAsync("used already");
        await Expect(student.GetByLabel(new Regex("^Token for "))).ToHaveCountAsync(0);
    }

    [GeneratedRegex("^ppt_[A-Za-z0-9_-]{43}$")]
    private static partial Regex TokenPattern();
}
