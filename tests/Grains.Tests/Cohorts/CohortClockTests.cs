using PPipe.Grains.Interfaces.Cohorts;

namespace PPipe.Grains.Tests.Cohorts;

public sealed class CohortClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ElapsedAt_Speed1440_OneMinuteIsOneDay()
    {
        var clock = CohortClock.Create(Start, 1440);

        var elapsed = clock.ElapsedAt(Start.AddMinutes(1));

        Assert.Equal(TimeSpan.FromDays(1), elapsed);
    }

    [Fact]
    public void ElapsedAt_BeforeStart_IsNegative()
    {
        var clock = CohortClock.Create(Start, 10);

        Assert.Equal(TimeSpan.FromMinutes(-10), clock.ElapsedAt(Start.AddMinutes(-1)));
    }

    [Fact]
    public void ElapsedAt_WhilePaused_StandsStill()
    {
        var clock = CohortClock.Create(Start, 60).Pause(Start.AddMinutes(2));

        Assert.Equal(TimeSpan.FromHours(2), clock.ElapsedAt(Start.AddMinutes(2)));
        Assert.Equal(TimeSpan.FromHours(2), clock.ElapsedAt(Start.AddMinutes(30)));
        Assert.True(clock.IsPaused);
    }

    [Fact]
    public void ElapsedAt_AfterResume_ContinuesWithoutTheGap()
    {
        var clock = CohortClock.Create(Start, 60).Pause(Start.AddMinutes(2)).Resume(Start.AddMinutes(12));

        Assert.Equal(TimeSpan.FromHours(3), clock.ElapsedAt(Start.AddMinutes(13)));
        Assert.False(clock.IsPaused);
    }

    [Fact]
    public void WallTimeAt_AfterResumedPause_ShiftedByThePause()
    {
        var clock = CohortClock.Create(Start, 60).Pause(Start.AddMinutes(2)).Resume(Start.AddMinutes(12));

        Assert.Equal(Start.AddMinutes(1), clock.WallTimeAt(TimeSpan.FromHours(1)));
        Assert.Equal(Start.AddMinutes(13), clock.WallTimeAt(TimeSpan.FromHours(3)));
    }

    [Fact]
    public void WallTimeAt_AfterOpenPause_IsUnknown()
    {
        var clock = CohortClock.Create(Start, 60).Pause(Start.AddMinutes(2));

        Assert.Null(clock.WallTimeAt(TimeSpan.FromHours(3)));
        Assert.Equal(Start.AddMinutes(1), clock.WallTimeAt(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void WallTimeAt_RoundTripsElapsedAt_AcrossSeveralPauses()
    {
        var clock = CohortClock.Create(Start, 1440)
            .Pause(Start.AddMinutes(3)).Resume(Start.AddMinutes(5))
            .Pause(Start.AddMinutes(9)).Resume(Start.AddMinutes(20));

        foreach (var minutes in new[] { 1.0, 2.5, 6, 8.9, 21, 40 })
        {
            var wall = Start.AddMinutes(minutes);
            Assert.Equal(wall, clock.WallTimeAt(clock.ElapsedAt(wall)));
        }
    }

    [Fact]
    public void Pause_PausedTwice_Refused()
    {
        var clock = CohortClock.Create(Start, 1).Pause(Start);

        Assert.Throws<InvalidOperationException>(() => clock.Pause(Start.AddMinutes(1)));
    }

    [Fact]
    public void Resume_NotPaused_Refused()
    {
        Assert.Throws<InvalidOperationException>(() => CohortClock.Create(Start, 1).Resume(Start));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Create_InvalidSpeed_Refused(double speed)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CohortClock.Create(Start, speed));
    }

    [Fact]
    public void ElapsedAt_PausedBeforeStartResumedAfter_StartsAtTheResume()
    {
        var clock = CohortClock.Create(Start, 60).Pause(Start.AddMinutes(-5)).Resume(Start.AddMinutes(10));

        Assert.Equal(TimeSpan.Zero, clock.ElapsedAt(Start.AddMinutes(10)));
        Assert.Equal(TimeSpan.FromHours(1), clock.ElapsedAt(Start.AddMinutes(11)));
        Assert.Equal(Start.AddMinutes(11), clock.WallTimeAt(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void ElapsedAt_PauseEntirelyBeforeStart_ChangesNothing()
    {
        var clock = CohortClock.Create(Start, 60).Pause(Start.AddMinutes(-5)).Resume(Start.AddMinutes(-2));

        Assert.Equal(TimeSpan.FromHours(1), clock.ElapsedAt(Start.AddMinutes(1)));
        Assert.Equal(Start.AddMinutes(1), clock.WallTimeAt(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Equals_SamePausesInAnotherArray_Equal_ADifferentPause_NotEqual()
    {
        var clock = CohortClock.Create(Start, 60).Pause(Start.AddMinutes(2)).Resume(Start.AddMinutes(3));
        var copy = clock with { Pauses = [.. clock.Pauses] };
        var other = clock with { Pauses = [new CohortPause(Start.AddMinutes(2), Start.AddMinutes(4))] };

        Assert.Equal(clock, copy);
        Assert.Equal(clock.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(clock, other);
        Assert.NotEqual(clock, CohortClock.Create(Start, 60));
    }
}
