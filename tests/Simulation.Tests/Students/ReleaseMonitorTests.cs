using System.Globalization;
using PPipe.Simulation.Learning;
using PPipe.Simulation.Students;

namespace PPipe.Simulation.Tests.Students;

/// <summary>
/// A student's checks on made-up daily releases: <c>id</c>, <c>at</c> (hourly timestamps from the release's day),
/// <c>x</c> and <c>y</c>, whose values are the same 0 to 99 spread in every release (mean 49.5, standard deviation about
/// 29) unless a test shifts them.
/// </summary>
public sealed class ReleaseMonitorTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Observe_SameDataEveryRelease_ReportsNothing()
    {
        var monitor = Careful();

        var reports = Enumerable.Range(1, 10).SelectMany(seq => Observe(monitor, seq, Release(seq))).ToList();

        Assert.Empty(reports);
    }

    [Fact]
    public void Observe_ColumnRenamed_ReportsDataQualityNamingBothWhenFetched()
    {
        var monitor = Careful();
        Observe(monitor, 1, Release(1));

        var report = Assert.Single(Observe(monitor, 2, Release(2, columns: ["id", "at", "x_cm", "y"])));

        Assert.Equal("data-quality", report.Kind);
        Assert.Null(report.Channel);
        Assert.Equal(["x", "x_cm"], report.Features);
        Assert.Equal(FetchedAt(2), report.BeganAt);
        Assert.Equal("Release 2 has a different header: x is gone; x_cm is new.", report.Summary);
    }

    [Fact]
    public void Observe_MeanShifted_ReportsDriftNamingTheColumnFromTheReleasesFirstRow()
    {
        var monitor = Careful();
        for (var seq = 1; seq <= 3; seq++)
        {
            Observe(monitor, seq, Release(seq));
        }

        var report = Assert.Single(Observe(monitor, 4, Release(4, yShift: 15)));

        Assert.Equal("drift", report.Kind);
        Assert.Equal(["y"], report.Features);
        Assert.Equal(Start.AddDays(3), report.BeganAt);
        Assert.StartsWith("In release 4, against the 3 releases before: y mean moved from 49.5 to 64.5 (", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_ShiftLasts_ReportedOnceThenTheNewNormal()
    {
        var monitor = Careful();
        for (var seq = 1; seq <= 3; seq++)
        {
            Observe(monitor, seq, Release(seq));
        }

        var reports = Enumerable.Range(4, 8).Select(seq => Observe(monitor, seq, Release(seq, yShift: 15)).Count).ToList();

        Assert.Equal([1, 0, 0, 0, 0, 0, 0, 0], reports);
    }

    [Fact]
    public void Observe_ShiftBeforeTheWindowIsFull_NotCompared()
    {
        var monitor = Careful();
        Observe(monitor, 1, Release(1));
        Observe(monitor, 2, Release(2));

        Assert.Empty(Observe(monitor, 3, Release(3, yShift: 50)));
    }

    [Fact]
    public void Observe_TinyShiftInALargeRelease_OnlyAnAlarmistReportsIt()
    {
        var careful = new ReleaseMonitor(sigmas: 4, minEffect: 0.18, window: 1);
        var alarmist = new ReleaseMonitor(sigmas: 1.5, minEffect: 0, window: 1);
        Observe(careful, 1, Release(1, rows: 20_000));
        Observe(alarmist, 1, Release(1, rows: 20_000));

        var shifted = Release(2, rows: 20_000, yShift: 2); // 7 standard errors, but 0.07 of a standard deviation

        Assert.Empty(Observe(careful, 2, shifted));
        Assert.Equal(["y"], Assert.Single(Observe(alarmist, 2, shifted)).Features);
    }

    [Fact]
    public void Observe_OlderReleaseArrivingLate_NotCompared()
    {
        var monitor = Careful();
        Observe(monitor, 1, Release(1));
        Observe(monitor, 3, Release(3));

        Assert.Empty(Observe(monitor, 2, Release(2, columns: ["id", "at", "renamed", "y"], yShift: 50)));
    }

    [Fact]
    public void Observe_BaselessEveryTwo_ReportsAColumnNothingShowedOnEverySecondRelease()
    {
        var monitor = new ReleaseMonitor(sigmas: 4, minEffect: 0.18, window: 3, baselessEvery: 2);

        var reports = Enumerable.Range(1, 4).Select(seq => Observe(monitor, seq, Release(seq))).ToList();

        Assert.Equal([0, 1, 0, 1], reports.Select(r => r.Count));
        Assert.Equal(("data-quality", "y", Start.AddDays(1)), (reports[1][0].Kind, reports[1][0].Features.Single(), reports[1][0].BeganAt));
        Assert.Equal("x", reports[3][0].Features.Single());
    }

    [Fact]
    public void ChannelDown_OneOutage_ReportedOnceAndAgainAfterTheChannelAnswered()
    {
        var monitor = Careful();
        var at = Start.AddDays(5);

        var first = monitor.ChannelDown("api", at);
        var again = monitor.ChannelDown("api", at.AddMinutes(5));
        monitor.ChannelUp("api");
        var next = monitor.ChannelDown("api", at.AddDays(2));

        Assert.NotNull(first);
        Assert.Equal(("outage", "api", at), (first.Kind, first.Channel, first.BeganAt));
        Assert.Empty(first.Features);
        Assert.Null(again);
        Assert.Equal(at.AddDays(2), next?.BeganAt);
    }

    [Theory]
    [InlineData(503, """{"title":"The api channel is down.","status":503,"detail":"The api channel is in an outage; retry in 3 s."}""", "api")]
    [InlineData(503, "<Error><Code>ServiceUnavailable</Code><Message>The bucket channel is in an outage; retry later.</Message></Error>", "bucket")]
    [InlineData(503, """{"title":"Service unavailable","status":503}""", null)]
    [InlineData(404, """{"title":"The api channel is down."}""", null)]
    public void OutageChannel_Answer_NamesTheChannelOfAnOutageOnly(int status, string body, string? channel) =>
        Assert.Equal(channel, ReleaseMonitor.OutageChannel(status, body));

    private static ReleaseMonitor Careful() => new(sigmas: 4, minEffect: 0.18, window: 3);

    private static IReadOnlyList<IncidentReport> Observe(ReleaseMonitor monitor, int seq, DataTable release) =>
        monitor.Observe(seq, release, FetchedAt(seq));

    private static DateTimeOffset FetchedAt(int seq) => Start.AddDays(seq).AddMinutes(1);

    /// <summary>Release <paramref name="seq"/>: rows from day seq - 1, x and y each 0 to 99 in a different order.</summary>
    private static DataTable Release(int seq, string[]? columns = null, int rows = 200, double yShift = 0)
    {
        var table = new List<string[]>(rows);
        for (var i = 0; i < rows; i++)
        {
            var at = Start.AddDays(seq - 1).AddHours(24.0 * i / rows);
            table.Add([
                $"r{seq:0000}-{i:000000}",
                at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                (i * 37 % 100).ToString(CultureInfo.InvariantCulture),
                (i * 61 % 100 + yShift).ToString(CultureInfo.InvariantCulture),
            ]);
        }

        return new DataTable(columns ?? ["id", "at", "x", "y"], table);
    }
}
