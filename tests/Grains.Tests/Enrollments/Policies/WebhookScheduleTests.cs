using System.Text.Json;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Enrollments;
using static PPipe.Grains.Tests.Enrollments.Policies.PolicyScenario;

namespace PPipe.Grains.Tests.Enrollments.Policies;

/// <summary>Releases of <see cref="PolicyScenario"/> come through the webhook at day 0, 1, 2 and 3.</summary>
public sealed class WebhookScheduleTests
{
    private static readonly TimeSpan RedeliverAfter = TimeSpan.FromMinutes(5);
    private static readonly EnrollmentKey Ada = new("c-1", "ada");

    /// <summary>Registered half a scenario day in: release 1 came before, release 2 after.</summary>
    private static readonly WebhookSchedule Registered = new(Ada, "https://hooks.example.org/ada", "whsec_1", WallAt(Day(0.5)), RedeliverAfter);

    [Fact]
    public void Due_ReleasedBeforeTheRegistration_MarkedFinishedNeverSent()
    {
        var due = Registered.Due(Schedule.Releases, Clock, Day(0.9), WallAt(Day(0.9)), [], new Dictionary<int, DateTimeOffset>(), new HashSet<int>());

        Assert.Empty(due.Send);
        Assert.Equal([1], due.Skipped);
    }

    [Fact]
    public void Due_ReleasesSinceTheRegistration_EachSentSignedForTheEnrollment()
    {
        var now = WallAt(Day(2.1));

        var due = Registered.Due(Schedule.Releases, Clock, Day(2.1), now, [1], new Dictionary<int, DateTimeOffset>(), new HashSet<int>());

        Assert.Equal([2, 3], due.Send.Select(n => n.Seq));
        Assert.All(due.Send, n => Assert.Equal((Ada, "https://hooks.example.org/ada", "whsec_1"), (n.Enrollment, n.Url, n.Secret)));
        var body = JsonDocument.Parse(due.Send[0].Body).RootElement;
        Assert.Equal("c-1/ada", body.GetProperty("enrollmentId").GetString());
        Assert.Equal(2, body.GetProperty("release").GetProperty("seq").GetInt32());
        Assert.Equal(WallAt(Day(1)), body.GetProperty("release").GetProperty("releasedAt").GetDateTimeOffset());
        Assert.Equal(now, body.GetProperty("sentAt").GetDateTimeOffset());
        Assert.Empty(due.Skipped);
    }

    [Fact]
    public void Due_FinishedOrNotYetReleased_NothingToDo()
    {
        var due = Registered.Due(Schedule.Releases, Clock, Day(1.5), WallAt(Day(1.5)), [1, 2], new Dictionary<int, DateTimeOffset>(), new HashSet<int>());

        Assert.True(due.IsEmpty);
    }

    [Fact]
    public void Due_HandedOutByThisActivation_GivenTheRedeliveryDelayToReport()
    {
        var sentAt = WallAt(Day(1.1));
        var pending = new Dictionary<int, DateTimeOffset> { [2] = sentAt };

        var waiting = Registered.Due(Schedule.Releases, Clock, Day(1.2), sentAt + RedeliverAfter - TimeSpan.FromTicks(1), [1], pending, new HashSet<int> { 2 });
        var again = Registered.Due(Schedule.Releases, Clock, Day(1.2), sentAt + RedeliverAfter, [1], pending, new HashSet<int> { 2 });

        Assert.True(waiting.IsEmpty);
        Assert.Equal([2], again.Send.Select(n => n.Seq));
    }

    [Fact]
    public void Due_HandedOutByALostActivation_SentAgainAtOnce()
    {
        var sentAt = WallAt(Day(1.1));
        var pending = new Dictionary<int, DateTimeOffset> { [2] = sentAt };

        var due = Registered.Due(Schedule.Releases, Clock, Day(1.1), sentAt + TimeSpan.FromSeconds(1), [1], pending, new HashSet<int>());

        Assert.Equal([2], due.Send.Select(n => n.Seq));
    }

    [Fact]
    public void Due_OtherChannels_NeverNotified()
    {
        var api = Read(Spec.Replace("channel: webhook", "channel: api", StringComparison.Ordinal));

        var due = Registered.Due(new PPipe.Scenarios.Timeline.ScenarioSchedule(api).Releases, Clock, Day(3.5), WallAt(Day(3.5)), [],
            new Dictionary<int, DateTimeOffset>(), new HashSet<int>());

        Assert.True(due.IsEmpty);
    }

    [Fact]
    public void NextRedelivery_SeveralPending_TheEarliestPlusTheDelay()
    {
        var first = WallAt(Day(1.1));

        var next = WebhookSchedule.NextRedelivery([first + TimeSpan.FromMinutes(3), first, first + TimeSpan.FromMinutes(1)], RedeliverAfter);
        var none = WebhookSchedule.NextRedelivery([], RedeliverAfter);

        Assert.Equal(first + RedeliverAfter, next);
        Assert.Null(none);
    }
}
