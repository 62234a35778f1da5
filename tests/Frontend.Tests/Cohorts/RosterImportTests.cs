using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using PPipe.Frontend.Accounts;
using PPipe.Frontend.Cohorts;
using PPipe.Frontend.Components.Pages.Cohorts;
using PPipe.Frontend.Tests.Infrastructure;
using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Interfaces.Cohorts;

namespace PPipe.Frontend.Tests.Cohorts;

[Collection(UiClusterCollection.Name)]
public sealed class RosterImportTests : BunitContext
{
    private readonly UiClusterFixture _cluster;

    public RosterImportTests(UiClusterFixture cluster)
    {
        _cluster = cluster;
        this.UseUi(cluster, AccountRoles.Instructor);
    }

    [Fact]
    public async Task RosterImport_BadRows_ListsEachRowErrorAndEnrollsNobody()
    {
        var cohort = await NewCohortAsync();
        var cut = Render<RosterImport>(p => p.Add(c => c.CohortId, cohort));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "studentId,name,email\nok-1,Ok One,ok1@example.org\n,No Id,x@example.org\nbad id!,Bad,bad@example.org\nok-2,,ok2@example.org\n",
            "roster.csv"));

        cut.WaitForElement("table[aria-label='Roster errors']");
        var rows = cut.FindAll("table[aria-label='Roster errors'] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        Assert.Equal([("2", "studentId"), ("3", "studentId"), ("4", "name")], rows.Select(r => (r[0], r[2])));
        Assert.Equal("bad id!", rows[1][1]);
        Assert.Contains("nobody was enrolled", cut.Find("[role=alert]").TextContent);
        Assert.Empty(cut.FindAll("button"));
        Assert.Equal(0, (await _cluster.Client.GetGrain<ICohortGrain>(cohort).GetAsync())!.Enrolled);
    }

    [Fact]
    public async Task RosterImport_CleanRoster_EnrollsAndDownloadsOneTokenPerStudent()
    {
        var cohort = await NewCohortAsync();
        var download = JSInterop.SetupVoid("ppipeDownload", _ => true);
        var cut = Render<RosterImport>(p => p.Add(c => c.CohortId, cohort));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "studentId,name,email\na1,\"Lovelace, Ada\",ada@example.org\na2,Grace Hopper,\n", "roster.csv"));
        cut.WaitForElement("[role=status]");
        Assert.Equal(RosterImport.StatusOf(2, 0), cut.Find("[role=status]").TextContent);
        Assert.Contains("These tokens are kept only in this page's memory", cut.Markup);
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Download tokens CSV").Click();

        var invocation = Assert.Single(download.Invocations);
        Assert.Equal($"{cohort}-tokens.csv", invocation.Arguments[0]);
        var reference = Assert.IsType<DotNetStreamReference>(invocation.Arguments[1]);
        var lines = ReadCsv(reference.Stream);
        download.SetVoidResult();
        Assert.Equal(["studentId", "name", "email", "token"], lines[0]);
        Assert.Equal([("a1", "Lovelace, Ada", "ada@example.org"), ("a2", "Grace Hopper", "")], lines.Skip(1).Select(l => (l[0], l[1], l[2])));
        var accounts = Services.GetRequiredService<AccountService>();
        foreach (var line in lines.Skip(1))
        {
            var student = await accounts.StudentAsync(line[3]);
            Assert.Equal(line[0], student?.Identity?.Name);
            Assert.Equal(cohort, UiAuth.EnrollmentOf(student!)?.CohortId);
        }

        Assert.Equal(2, (await _cluster.Client.GetGrain<ICohortGrain>(cohort).GetAsync())!.Enrolled);
    }

    [Fact]
    public async Task RosterImport_SameFileAgain_NobodyNewAndTheSameTokensOffered()
    {
        var cohort = await NewCohortAsync();
        var cut = Render<RosterImport>(p => p.Add(c => c.CohortId, cohort));
        const string roster = "studentId,name,email\nb1,Ada,\nb2,Grace,\n";
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(roster, "first.csv"));
        cut.WaitForAssertion(() => Assert.Equal(RosterImport.StatusOf(2, 0), cut.Find("[role=status]").TextContent));
        var first = DownloadTokens(cut);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(roster, "again.csv"));

        cut.WaitForAssertion(() => Assert.Equal(RosterImport.StatusOf(0, 2), cut.Find("[role=status]").TextContent));
        Assert.Contains("2 token(s) issued on this page.", cut.Markup);
        Assert.Equal(first, DownloadTokens(cut));
        Assert.Equal(2, (await _cluster.Client.GetGrain<ICohortGrain>(cohort).GetAsync())!.Enrolled);
    }

    [Fact]
    public async Task RosterImport_RowNamesAnEnrolledStudentDifferently_WholeFileRefusedWithTheRowAndNobodyAdded()
    {
        var cohort = await NewCohortAsync();
        var cut = Render<RosterImport>(p => p.Add(c => c.CohortId, cohort));
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("studentId,name,email\nb1,Ada,\n", "first.csv"));
        cut.WaitForAssertion(() => Assert.Equal(RosterImport.StatusOf(1, 0), cut.Find("[role=status]").TextContent));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("studentId,name,email\nb2,Grace,\nb1,Somebody Else,\n", "second.csv"));

        cut.WaitForAssertion(() => Assert.Contains("nobody was enrolled", cut.Find("[role=alert]").TextContent));
        var errors = cut.FindAll("table[aria-label='Roster errors'] tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        var error = Assert.Single(errors);
        Assert.Equal(("2", "b1"), (error[0], error[1]));
        Assert.Contains("already enrolled as Ada", error[3]);
        Assert.Equal(1, (await _cluster.Client.GetGrain<ICohortGrain>(cohort).GetAsync())!.Enrolled);
    }

    [Fact]
    public async Task RosterImport_FileOverTheLimit_RefusedWithTheApisMessage()
    {
        var cohort = await NewCohortAsync();
        var cut = Render<RosterImport>(p => p.Add(c => c.CohortId, cohort));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[CohortEndpoints.MaxRosterBytes + 1], "big.csv"));

        cut.WaitForAssertion(() => Assert.Equal(CohortEndpoints.RosterTooLarge, cut.Find("[role=alert]").TextContent));
        Assert.Equal(0, (await _cluster.Client.GetGrain<ICohortGrain>(cohort).GetAsync())!.Enrolled);
    }

    private Task<string> NewCohortAsync() => _cluster.OpenCohortAsync($"Roster {Guid.NewGuid():N}", DateTimeOffset.UtcNow.AddHours(1), 1440);

    /// <summary>Clicks the download button and returns the tokens file's rows (header first).</summary>
    private List<string[]> DownloadTokens(IRenderedComponent<RosterImport> cut)
    {
        var download = JSInterop.SetupVoid("ppipeDownload", _ => true);
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Download tokens CSV").Click();
        var invocation = download.Invocations.Last();
        var lines = ReadCsv(Assert.IsType<DotNetStreamReference>(invocation.Arguments[1]).Stream);
        download.SetVoidResult();
        return lines;
    }

    private static List<string[]> ReadCsv(Stream stream)
    {
        stream.Position = 0;
        using var reader = new StreamReader(stream, leaveOpen: true);
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var lines = new List<string[]>();
        while (csv.Read())
        {
            lines.Add(csv.Record!);
        }

        return lines;
    }
}
