using PPipe.Cluster.Soak;
using PPipe.Cluster.Soak.Load;
using PPipe.Cluster.Soak.Measure;
using PPipe.Cluster.Soak.Report;

namespace PPipe.Integration.Tests.Soak;

/// <summary>How the soak's report splits errors between faults: requests are counted by the second they ended in, and no error counts for two faults.</summary>
public sealed class FaultFiguresTests
{
    [Fact]
    public void Of_ErrorInTheSecondTheNextFaultBegins_CountedForTheNextFaultOnly()
    {
        var clock = new RunClock();
        var report = new SoakReport(SoakProfiles.Ci, clock, new RequestRecorder(clock), new ProcessSampler(clock)) { Traffic = (0, 10) };
        // Both faults begin within the run's first second, the second in which this error is recorded.
        report.Requests.Record(RequestClass.Poll, Outcome.Status503, System.Diagnostics.Stopwatch.GetTimestamp());
        Assert.True(clock.Seconds < 1, "recording took longer than the run's first second; the error may fall outside both faults");
        report.Faults.Add(new FaultWindow("PostgreSQL stopped", "stop", 0.0, 0.2, 0.3, null));
        report.Faults.Add(new FaultWindow("kill -9 frontend-1", "kill", 0.5, 0.6, 0.7, null));

        var figures = FaultFigures.Of(report);

        Assert.Empty(figures[0].Errors);
        Assert.Null(figures[0].LastErrorSecond);
        Assert.Equal(1, figures[1].Errors[Outcome.Status503]);
        Assert.Equal(0, figures[1].LastErrorSecond);
    }
}
