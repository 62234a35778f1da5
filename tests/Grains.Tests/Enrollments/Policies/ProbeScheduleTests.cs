using PPipe.Grains.Enrollments.Policies;
using static PPipe.Grains.Tests.Enrollments.Policies.PolicyScenario;

namespace PPipe.Grains.Tests.Enrollments.Policies;

/// <summary>The endpoint of <see cref="PolicyScenario"/> is probed every hour from day 1: slot n is due at 1d + n hours.</summary>
public sealed class ProbeScheduleTests
{
    [Fact]
    public void Due_NoEndpoint_NoProbe()
    {
        var slot = ProbeSchedule.Due(Schedule, hasEndpoint: false, nextSlot: 0, Day(2));

        Assert.Null(slot);
    }

    [Fact]
    public void Due_BeforeTheFirstSlot_NoProbe()
    {
        var slot = ProbeSchedule.Due(Schedule, hasEndpoint: true, nextSlot: 0, Day(1) - TimeSpan.FromTicks(1));

        Assert.Null(slot);
    }

    [Fact]
    public void Due_SeveralSlotsMissed_OneProbeForTheLatest()
    {
        var slot = ProbeSchedule.Due(Schedule, hasEndpoint: true, nextSlot: 2, Day(1) + Hours(5.5));

        Assert.Equal(5, slot);
    }

    [Fact]
    public void Due_LatestSlotProbedAlready_NoProbe()
    {
        var slot = ProbeSchedule.Due(Schedule, hasEndpoint: true, nextSlot: 6, Day(1) + Hours(5.9));

        Assert.Null(slot);
    }

    [Fact]
    public void Due_PastTheLastSlot_TheLastSlotOnce()
    {
        var last = Schedule.ProbeSlotCount - 1;

        var first = ProbeSchedule.Due(Schedule, hasEndpoint: true, nextSlot: 10, Day(9));
        var second = ProbeSchedule.Due(Schedule, hasEndpoint: true, nextSlot: last + 1, Day(9));

        Assert.Equal(last, first);
        Assert.Null(second);
    }

    [Fact]
    public void NextAfterRegistration_DuringASlot_TheVerificationProbeStandsForIt()
    {
        var next = ProbeSchedule.NextAfterRegistration(Schedule, nextSlot: 0, Day(1) + Hours(3.5));

        Assert.Equal(4, next);
    }

    [Fact]
    public void NextAfterRegistration_ReplacedEndpointAfterLaterProbes_NeverGoesBack()
    {
        var next = ProbeSchedule.NextAfterRegistration(Schedule, nextSlot: 9, Day(1) + Hours(3.5));

        Assert.Equal(9, next);
    }

    [Fact]
    public void NextAfterRegistration_BeforeTheFirstSlot_Unchanged()
    {
        var next = ProbeSchedule.NextAfterRegistration(Schedule, nextSlot: 0, Hours(20));

        Assert.Equal(0, next);
    }

    [Fact]
    public void FirstAfterReset_MidSlot_TheCurrentSlotIsProbedNext()
    {
        var next = ProbeSchedule.FirstAfterReset(Schedule, Day(1) + Hours(5.5));

        Assert.Equal(5, next);
        Assert.Equal(5, ProbeSchedule.Due(Schedule, hasEndpoint: true, next, Day(1) + Hours(5.5)));
    }

    [Fact]
    public void FirstAfterReset_BeforeProbingStarts_TheFirstSlot()
    {
        var next = ProbeSchedule.FirstAfterReset(Schedule, Hours(3));

        Assert.Equal(0, next);
    }
}
