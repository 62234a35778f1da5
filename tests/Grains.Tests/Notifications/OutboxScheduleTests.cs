using PPipe.Grains.Notifications;
using static PPipe.Grains.Tests.Notifications.Notices;

namespace PPipe.Grains.Tests.Notifications;

public sealed class OutboxScheduleTests
{
    private static readonly OutboxSchedule Schedule = new(TimeSpan.FromMinutes(2));

    [Fact]
    public void Due_NotHandedOutByThisActivation_GoesAtOnce()
    {
        var outbox = new[] { Message("m1"), Message("m2") };

        var due = Schedule.Due(outbox, new Dictionary<string, DateTimeOffset>(), At(0));

        Assert.Equal(["m1", "m2"], due.Select(m => m.Id));
    }

    [Fact]
    public void Due_HandedOutRecently_WaitsForTheRedeliveryDelay()
    {
        var outbox = new[] { Message("m1") };
        var handedOut = new Dictionary<string, DateTimeOffset> { ["m1"] = At(0) };

        var early = Schedule.Due(outbox, handedOut, At(1.99));
        var late = Schedule.Due(outbox, handedOut, At(2));
        var next = Schedule.NextRedelivery(outbox, handedOut);

        Assert.Empty(early);
        Assert.Equal(["m1"], late.Select(m => m.Id));
        Assert.Equal(At(2), next);
    }

    [Fact]
    public void NextRedelivery_NothingHandedOut_Null() =>
        Assert.Null(Schedule.NextRedelivery([Message("m1")], new Dictionary<string, DateTimeOffset>()));
}
