using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PPipe.Api.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Email;
using PPipe.TestSupport;

namespace PPipe.Api.Tests.Join;

/// <summary>
/// Joining a cohort over real HTTP: the instructor's join link, the request, the confirmation mail (read from the pickup
/// folder) and the token it gives once; every refusal as the problem a client gets; and the same answer for an enrolled
/// address as for a stranger.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class JoinApiTests(ApiPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Join_RequestMailConfirm_TokenShownOnceOpensTheStudentsEnrollment()
    {
        var cohort = await platform.CreateCohortAsync();
        var link = await OpenAsync(cohort, new { });
        var address = NewAddress();
        using var http = platform.Anonymous();

        var request = await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "Ana Lima", email = address }, Ct);
        var mail = Assert.Single(await platform.Mail.WaitForAsync(address, cancellationToken: Ct));
        var confirmLink = MailDrop.LinkIn(mail, platform.BaseAddress + "join/confirm?t=");
        var confirmed = await http.PostAsJsonAsync("/api/v1/join/confirm", new { ticket = TicketOf(confirmLink) }, Ct);
        var token = await confirmed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var replay = await http.PostAsJsonAsync("/api/v1/join/confirm", new { ticket = TicketOf(confirmLink) }, Ct);
        using var student = platform.Student(token.GetProperty("token").GetString()!);
        var me = await student.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);

        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
        Assert.Equal($"Confirm joining Contract tests", mail.Subject);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.True(confirmed.Headers.CacheControl?.NoStore, "A token is never kept by a cache.");
        Assert.Equal(cohort, token.GetProperty("cohortId").GetString());
        Assert.StartsWith("j-", token.GetProperty("studentId").GetString(), StringComparison.Ordinal);
        Assert.Equal(cohort, me.GetProperty("cohort").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal("This link was used already.", (await ProblemAsync(replay)).GetProperty("title").GetString());
        var view = await platform.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}/join", Ct);
        Assert.Equal(1, view.GetProperty("joined").GetInt32());
    }

    [Fact]
    public async Task JoinLink_Opened_ItsUrlIsThePublicJoinPageOnThisPlatform()
    {
        var cohort = await platform.CreateCohortAsync();

        var link = await OpenAsync(cohort, new { allowedDomains = new[] { "@Example.EDU" }, cap = 40 });

        Assert.Equal(new Uri(platform.BaseAddress, $"join/{link.Code}"), link.Url);
        Assert.Equal(["example.edu"], link.Body.GetProperty("allowedDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(40, link.Body.GetProperty("cap").GetInt32());
        Assert.True(link.Body.GetProperty("open").GetBoolean());
    }

    [Fact]
    public async Task Join_EnrolledAndUnknownAddress_SameStatusAndBody()
    {
        var cohort = await platform.CreateCohortAsync();
        var enrolled = NewAddress();
        await EnrollWithAddressAsync(cohort, enrolled);
        var link = await OpenAsync(cohort, new { });
        using var http = platform.Anonymous();

        var known = await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "Known", email = enrolled }, Ct);
        var unknown = await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "Unknown", email = NewAddress() }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(Ct), await unknown.Content.ReadAsStringAsync(Ct));
        // What differs goes to the address only: the enrolled one gets a sign-in link, not a confirmation.
        var mail = Assert.Single(await platform.Mail.WaitForAsync(enrolled, cancellationToken: Ct));
        Assert.Contains(platform.BaseAddress + "signin/link?t=", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/signin-links")]
    [InlineData("/api/v1/token-recovery")]
    public async Task MailedLinkRequest_EnrolledAndUnknownAddress_SameStatusAndBody(string route)
    {
        var cohort = await platform.CreateCohortAsync();
        var enrolled = NewAddress();
        await EnrollWithAddressAsync(cohort, enrolled);
        var stranger = NewAddress();
        using var http = platform.Anonymous();

        var known = await http.PostAsJsonAsync(route, new { email = enrolled }, Ct);
        var unknown = await http.PostAsJsonAsync(route, new { email = stranger }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(Ct), await unknown.Content.ReadAsStringAsync(Ct));
        Assert.Single(await platform.Mail.WaitForAsync(enrolled, cancellationToken: Ct));
        Assert.Empty(platform.Mail.To(stranger));
    }

    [Fact]
    public async Task TokenRecovery_MailedLink_NewTokenWorksOldOneRefused()
    {
        var cohort = await platform.CreateCohortAsync();
        var address = NewAddress();
        var oldToken = await EnrollWithAddressAsync(cohort, address);
        using var http = platform.Anonymous();

        await http.PostAsJsonAsync("/api/v1/token-recovery", new { email = address }, Ct);
        var mail = Assert.Single(await platform.Mail.WaitForAsync(address, cancellationToken: Ct));
        var ticket = TicketOf(MailDrop.LinkIn(mail, platform.BaseAddress + "token/recover?t="));
        var recovered = await http.PostAsJsonAsync("/api/v1/token-recovery/confirm", new { ticket }, Ct);
        var newToken = (await recovered.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
        var replay = await http.PostAsJsonAsync("/api/v1/token-recovery/confirm", new { ticket }, Ct);

        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.Student(newToken).GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.Student(oldToken).GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
    }

    [Theory]
    [InlineData("", "Ana", "email")]
    [InlineData("not-an-address", "Ana", "email")]
    [InlineData("someone@mailinator.com", "Ana", "email")]
    [InlineData("ana@example.org", "", "name")]
    public async Task Join_BadInput_422NamingTheFieldAndNoMail(string email, string name, string field)
    {
        var cohort = await platform.CreateCohortAsync();
        var link = await OpenAsync(cohort, new { });
        using var http = platform.Anonymous();

        var response = await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name, email }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Join_DomainTheLinkDoesNotAdmit_422NamingEmail()
    {
        var cohort = await platform.CreateCohortAsync();
        var link = await OpenAsync(cohort, new { allowedDomains = new[] { "university.edu" } });
        using var http = platform.Anonymous();

        var refused = await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "Out", email = NewAddress() }, Ct);
        var admitted = await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "In", email = $"{Guid.NewGuid():N}@cs.university.edu" }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.True((await ProblemAsync(refused)).GetProperty("errors").TryGetProperty("email", out _));
        Assert.Equal(HttpStatusCode.Accepted, admitted.StatusCode);
    }

    [Fact]
    public async Task Join_UnknownCode_404()
    {
        using var http = platform.Anonymous();

        var response = await http.PostAsJsonAsync("/api/v1/join/AAAAAAAAAAAAAAAAAAAAAA", new { name = "Ana", email = NewAddress() }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Join_ClosedLink_410AndItsUnusedConfirmationsToo()
    {
        var cohort = await platform.CreateCohortAsync();
        var link = await OpenAsync(cohort, new { });
        var address = NewAddress();
        using var http = platform.Anonymous();
        await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "Early", email = address }, Ct);
        var ticket = TicketOf(MailDrop.LinkIn(Assert.Single(await platform.Mail.WaitForAsync(address, cancellationToken: Ct)), platform.BaseAddress + "join/confirm?t="));

        var closed = await platform.Admin().DeleteAsync($"/api/v1/admin/cohorts/{cohort}/join", Ct);
        var request = await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "Late", email = NewAddress() }, Ct);
        var confirm = await http.PostAsJsonAsync("/api/v1/join/confirm", new { ticket }, Ct);

        Assert.False((await closed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("open").GetBoolean());
        Assert.Equal(HttpStatusCode.Gone, request.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, confirm.StatusCode);
        Assert.Equal(0, (await platform.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}", Ct)).GetProperty("enrolled").GetInt32());
    }

    [Fact]
    public async Task Join_CapReached_409ForRequestsAndForConfirmationsMailedBefore()
    {
        var cohort = await platform.CreateCohortAsync();
        var link = await OpenAsync(cohort, new { cap = 1 });
        var first = NewAddress();
        var second = NewAddress();
        using var http = platform.Anonymous();
        await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "First", email = first }, Ct);
        await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "Second", email = second }, Ct);
        var firstTicket = TicketOf(MailDrop.LinkIn(Assert.Single(await platform.Mail.WaitForAsync(first, cancellationToken: Ct)), platform.BaseAddress + "join/confirm?t="));
        var secondTicket = TicketOf(MailDrop.LinkIn(Assert.Single(await platform.Mail.WaitForAsync(second, cancellationToken: Ct)), platform.BaseAddress + "join/confirm?t="));

        var joined = await http.PostAsJsonAsync("/api/v1/join/confirm", new { ticket = firstTicket }, Ct);
        var full = await http.PostAsJsonAsync("/api/v1/join/confirm", new { ticket = secondTicket }, Ct);
        var request = await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "Third", email = NewAddress() }, Ct);

        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Equal("This course is full.", (await ProblemAsync(full)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Conflict, request.StatusCode);
        Assert.Equal(1, (await platform.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/admin/cohorts/{cohort}", Ct)).GetProperty("enrolled").GetInt32());
    }

    [Fact]
    public async Task Confirm_ExpiredUnknownOrMissingTicket_410Then404Then422()
    {
        var secret = MailTickets.NewSecret();
        var grains = platform.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IMailTicketGrain>(MailTickets.KeyOf(secret)).IssueAsync(
            new MailTicket(MailTicketKind.JoinConfirmation, NewAddress(), "c-000000000000", null, "Late", "code", DateTimeOffset.UtcNow.AddSeconds(-1)));
        using var http = platform.Anonymous();

        var expired = await http.PostAsJsonAsync("/api/v1/join/confirm", new { ticket = secret }, Ct);
        var unknown = await http.PostAsJsonAsync("/api/v1/join/confirm", new { ticket = MailTickets.NewSecret() }, Ct);
        var garbage = await http.PostAsJsonAsync("/api/v1/join/confirm", new { ticket = "../../etc/passwd" }, Ct);
        var missing = await http.PostAsJsonAsync("/api/v1/join/confirm", new { }, Ct);

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("This link has expired.", (await ProblemAsync(expired)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
    }

    [Fact]
    public async Task Join_OverTheAddressAllowance_429WithRetryAfterAndNoMoreMail()
    {
        var cohort = await platform.CreateCohortAsync();
        var link = await OpenAsync(cohort, new { });
        var address = NewAddress();
        using var http = platform.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "Eager", email = address }, Ct)).StatusCode);
        }

        var refused = await http.PostAsJsonAsync("/api/v1/signin-links", new { email = address }, Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(59), $"Retry-After {refused.Headers.RetryAfter}");
        // One mail per accepted request, none for the refused one.
        Assert.Equal(5, (await platform.Mail.WaitForAsync(address, 5, cancellationToken: Ct)).Count);
        var other = NewAddress();
        await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "Other", email = other }, Ct);
        await platform.Mail.WaitForAsync(other, cancellationToken: Ct);
        Assert.Equal(5, platform.Mail.To(address).Count);
    }

    [Fact]
    public async Task Join_OverTheCohortsRate_429WithRetryAfter()
    {
        var cohort = await platform.CreateCohortAsync();
        var link = await OpenAsync(cohort, new { });
        using var http = platform.Anonymous();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i <= ApiPlatform.JoinRequestsPerCohortPerMinute; i++)
        {
            last = await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "Crowd", email = NewAddress() }, Ct);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.NotNull(last.Headers.RetryAfter?.Delta);
        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.Accepted, s));
    }

    [Fact]
    public async Task Join_AllowlistWithoutTheAddress_SameAnswerAndAMailThatSaysSo()
    {
        var cohort = await platform.CreateCohortAsync();
        var listed = NewAddress();
        var link = await OpenAsync(cohort, new { allowlist = new[] { new { studentId = "s-900", name = "Listed", email = listed } } });
        var stranger = NewAddress();
        using var http = platform.Anonymous();

        var strangerAnswer = await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "Stranger", email = stranger }, Ct);
        var listedAnswer = await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "Listed", email = listed }, Ct);
        var note = Assert.Single(await platform.Mail.WaitForAsync(stranger, cancellationToken: Ct));
        var ticket = TicketOf(MailDrop.LinkIn(Assert.Single(await platform.Mail.WaitForAsync(listed, cancellationToken: Ct)), platform.BaseAddress + "join/confirm?t="));
        var joined = await (await http.PostAsJsonAsync("/api/v1/join/confirm", new { ticket }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(await strangerAnswer.Content.ReadAsStringAsync(Ct), await listedAnswer.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith("This address cannot join", note.Subject, StringComparison.Ordinal);
        Assert.Equal("s-900", joined.GetProperty("studentId").GetString());
        Assert.Equal(1, link.Body.GetProperty("allowlistSize").GetInt32());
    }

    [Fact]
    public async Task OpenJoinLink_ChangingTheCap_KeepsTheAllowlistAndAnEmptyOneRemovesIt()
    {
        var cohort = await platform.CreateCohortAsync();
        var listed = NewAddress();
        var link = await OpenAsync(cohort, new { allowlist = new[] { new { studentId = "s-901", name = "Listed", email = listed } } });
        using var http = platform.Anonymous();

        var capped = await OpenAsync(cohort, new { cap = 5 });
        var stranger = NewAddress();
        await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "Stranger", email = stranger }, Ct);
        var whileListed = Assert.Single(await platform.Mail.WaitForAsync(stranger, cancellationToken: Ct));
        var opened = await OpenAsync(cohort, new { allowlist = Array.Empty<object>() });
        var later = NewAddress();
        await http.PostAsJsonAsync($"/api/v1/join/{link.Code}", new { name = "Later", email = later }, Ct);
        var afterRemoval = Assert.Single(await platform.Mail.WaitForAsync(later, cancellationToken: Ct));

        Assert.Equal((1, 5), (capped.Body.GetProperty("allowlistSize").GetInt32(), capped.Body.GetProperty("cap").GetInt32()));
        Assert.StartsWith("This address cannot join", whileListed.Subject, StringComparison.Ordinal);
        Assert.Equal(0, opened.Body.GetProperty("allowlistSize").GetInt32());
        Assert.Equal(link.Code, opened.Code);
        Assert.StartsWith("Confirm joining", afterRemoval.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenJoinLink_InvalidSettings_422NamesEveryFieldAndNothingOpens()
    {
        var cohort = await platform.CreateCohortAsync();
        using var admin = platform.Admin();

        var response = await admin.PostAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/join", new
        {
            allowedDomains = new[] { "not a domain" },
            cap = 0,
            closesAt = DateTimeOffset.UtcNow.AddHours(-1),
            allowlist = new[] { new { studentId = "bad id!", name = "", email = (string?)"nope" }, new { studentId = "s-1", name = "Ok", email = (string?)null } },
        }, Ct);
        var errors = (await ProblemAsync(response)).GetProperty("errors");
        var after = await admin.GetAsync($"/api/v1/admin/cohorts/{cohort}/join", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            ["allowedDomains[0]", "allowlist[0].email", "allowlist[0].name", "allowlist[0].studentId", "allowlist[1].email", "cap", "closesAt"],
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task OpenJoinLink_AllowlistedIdEnrolledAsSomeoneElse_422NamingTheRow()
    {
        var cohort = await platform.CreateCohortAsync();
        await platform.EnrollAsync(cohort, "s-500");
        using var admin = platform.Admin();

        var response = await admin.PostAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/join",
            new { allowlist = new[] { new { studentId = "s-500", name = "Another Person", email = NewAddress() } } }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty("allowlist[0].studentId", out _));
    }

    [Fact]
    public async Task JoinLink_UnknownCohortOrNeverOpened_404()
    {
        var cohort = await platform.CreateCohortAsync();
        using var admin = platform.Admin();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/admin/cohorts/{cohort}/join", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/v1/admin/cohorts/c-nosuchcohort/join", new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/admin/cohorts/{cohort}/join", Ct)).StatusCode);
    }

    private async Task<(string Code, Uri? Url, JsonElement Body)> OpenAsync(string cohort, object body)
    {
        using var admin = platform.Admin();
        var response = await admin.PostAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/join", body, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (link.GetProperty("code").GetString()!, link.GetProperty("url").GetString() is { } url ? new Uri(url) : null, link);
    }

    /// <summary>Enrolls one student with <paramref name="address"/> through a roster; returns their token.</summary>
    private async Task<string> EnrollWithAddressAsync(string cohort, string address)
    {
        using var admin = platform.Admin();
        var response = await admin.PostAsJsonAsync($"/api/v1/admin/cohorts/{cohort}/enrollments",
            new[] { new { studentId = "s-" + Guid.NewGuid().ToString("N")[..8], name = "Rostered", email = address } }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("students")[0].GetProperty("token").GetString()!;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    private static string TicketOf(Uri link) => System.Web.HttpUtility.ParseQueryString(link.Query)["t"]!;

    private static string NewAddress() => $"{Guid.NewGuid():N}@example.org";
}
