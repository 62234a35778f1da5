using PPipe.Scenarios.Assessment;
using PPipe.Scenarios.Events;

namespace PPipe.Scenarios.Tests.Assessment;

public sealed class AdaptationWindowTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public void Of_AbruptChangeForGood_OpensAfterTheFirstReleaseCouldBeTrainedOnForTwoCadences()
    {
        var scenario = TestScenarios.Template("taxi-fares");

        var window = Assert.Single(AdaptationWindow.Of(scenario, Day));

        Assert.Equal((14 * Day, 14 * Day, 15.25 * Day, 17.25 * Day), (window.Change.At, window.Settled, window.Opens, window.Closes));
    }

    [Fact]
    public void Of_GradualChangeOverBeforeTheWindow_ExposureFromItsEndAfterTheReleaseLag()
    {
        var scenario = TestScenarios.Template("card-fraud");

        var window = Assert.Single(AdaptationWindow.Of(scenario, Day));

        // Released a week late: the window opens 7 days, a release and a quarter after the drift began.
        Assert.Equal((6 * Day, 8 * Day, 14.25 * Day, 16.25 * Day), (window.Change.At, window.Settled, window.Opens, window.Closes));
    }

    [Fact]
    public void Of_EnergyDemand_TheTwelveHourEventsAreNotJudgedAndTheHolidayOnlyWhileItLasts()
    {
        var scenario = TestScenarios.Template("energy-demand");

        var window = Assert.Single(AdaptationWindow.Of(scenario, Day));

        // The weekly events hold twelve hours and are over before a release from after one could be trained on; the holiday
        // (18d for 3d) is judged from 19.25d until it ends, not the two full days after.
        Assert.Equal((18 * Day, 19.25 * Day, 21 * Day), (window.Change.At, window.Opens, window.Closes));
    }

    [Fact]
    public void Of_RecurringChangeHoldingWhenTheWindowOpens_JudgedUntilThatSpanEnds()
    {
        var scenario = TestScenarios.Read("""
            template: energy-demand
            drift:
              - at: 2d
                kind: concept
                mode: recurring
                period: 7d
                active: 3d
                for: 20d
                effects: {industrialLoad: 15}
            """);

        var window = Assert.Single(AdaptationWindow.Of(scenario, Day));

        Assert.Equal((3.25 * Day, 5 * Day), (window.Opens, window.Closes));
    }

    [Fact]
    public void Of_ChangeTooCloseToTheEnd_NotJudged()
    {
        var scenario = TestScenarios.Read("""
            template: taxi-fares
            drift:
              - at: 27d
                kind: concept
                mode: abrupt
                effects: {perKm: 2.5}
            """);

        Assert.Empty(AdaptationWindow.Of(scenario, Day));
    }

    [Fact]
    public void Of_Recalibration_HoldsForGood()
    {
        var scenario = TestScenarios.Template("predictive-maintenance");

        var window = Assert.Single(AdaptationWindow.Of(scenario, Day));

        Assert.IsType<Recalibration>(window.Change);
        Assert.Equal(window.Opens + 2 * Day, window.Closes);
    }

    [Theory]
    [InlineData(2.9, null)]
    [InlineData(3.0, 3.5)]
    [InlineData(3.4, 3.5)]
    [InlineData(3.5, null)]
    [InlineData(9.0, null)]
    [InlineData(10.2, 10.5)]
    [InlineData(17.2, null)]
    public void HoldsUntil_RecurringDrift_TheEndOfTheActiveSpanOrNullBetweenSpansAndAfterIt(double day, double? until)
    {
        // Twelve hours every seven days from day 3, for 14 days: spans at 3 and 10; the one at 17 is past the end.
        var events = new ConceptDrift(3 * Day, null, DriftMode.Recurring, [], null, 7 * Day, TimeSpan.FromHours(12), 14 * Day);

        Assert.Equal(until is { } d ? d * Day : null, events.HoldsUntil(day * Day));
    }

    [Fact]
    public void HoldsUntil_RecurringDriftEndingInASpan_TheSpanCutWhereTheDriftEnds()
    {
        // Two days every seven from day 3, for 8 days: the second span (10d to 12d) is cut at 11d.
        var events = new ConceptDrift(3 * Day, null, DriftMode.Recurring, [], null, 7 * Day, 2 * Day, 8 * Day);

        Assert.Equal(((TimeSpan?)(5 * Day), (TimeSpan?)(11 * Day), (TimeSpan?)null), (events.HoldsUntil(4 * Day), events.HoldsUntil(10.5 * Day), events.HoldsUntil(11 * Day)));
    }

    [Fact]
    public void HoldsUntil_AbruptDriftForAWhileAndForGood()
    {
        var holiday = new ConceptDrift(18 * Day, null, DriftMode.Abrupt, [], null, null, null, 3 * Day);
        var forGood = holiday with { For = null };

        Assert.Equal((null, 21 * Day, (TimeSpan?)null), (holiday.HoldsUntil(17 * Day), holiday.HoldsUntil(19 * Day), holiday.HoldsUntil(21 * Day)));
        Assert.Equal(TimeSpan.MaxValue, forGood.HoldsUntil(100 * Day));
    }
}
