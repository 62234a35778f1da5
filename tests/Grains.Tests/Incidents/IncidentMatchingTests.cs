using PPipe.Grains.Incidents;
using PPipe.Grains.Interfaces.Incidents;
using static PPipe.Grains.Tests.Incidents.IncidentScenario;

namespace PPipe.Grains.Tests.Incidents;

public sealed class IncidentMatchingTests
{
    [Fact]
    public void Match_RightKindFeatureAndTime_TheEvent()
    {
        var matched = IncidentMatching.Match(Report(IncidentKind.DataQuality, 8.2, ["passengers"]), Day(8.5), Events, Plan);

        Assert.Equal(3, matched?.Index);
    }

    [Fact]
    public void Match_EventNotBegunWhenFiled_NothingEvenWithTheExactStart()
    {
        var matched = IncidentMatching.Match(Report(IncidentKind.Drift, 14, ["distance_km"]), Day(14) - TimeSpan.FromTicks(1), Events, Plan);

        Assert.Null(matched);
    }

    [Fact]
    public void Match_StartOutsideTheWindow_Nothing()
    {
        var matched = IncidentMatching.Match(Report(IncidentKind.DataQuality, 6.9, ["passenger_count"]), Day(9), Events, Plan);

        Assert.Null(matched);
    }

    [Fact]
    public void Match_FeatureOfAnotherEvent_Nothing()
    {
        var matched = IncidentMatching.Match(Report(IncidentKind.DataQuality, 8, ["distance_km"]), Day(9), Events, Plan);

        Assert.Null(matched);
    }

    [Fact]
    public void Match_OutageOfTheRightChannel_TheOutage_OfAnotherChannel_Nothing()
    {
        var api = IncidentMatching.Match(Report(IncidentKind.Outage, 5.1, channel: "api"), Day(5.5), Events, Plan);
        var bucket = IncidentMatching.Match(Report(IncidentKind.Outage, 5.1, channel: "bucket"), Day(5.5), Events, Plan);

        Assert.Equal(2, api?.Index);
        Assert.Null(bucket);
    }

    [Fact]
    public void Match_DataQualityNamingADriftedFeature_TheDrift_WithoutAFeature_Nothing()
    {
        var named = IncidentMatching.Match(Report(IncidentKind.DataQuality, 14, ["DISTANCE_KM"]), Day(15), Events, Plan);
        var unnamed = IncidentMatching.Match(Report(IncidentKind.Outage, 14), Day(15), Events, Plan);

        Assert.Equal(1, named?.Index);
        Assert.Null(unnamed);
    }

    [Fact]
    public void Match_TwoCandidates_TheNearestStart()
    {
        var matched = IncidentMatching.Match(Report(IncidentKind.Drift, 13.5), Day(15), Events, Plan);

        Assert.Equal(1, matched?.Index);
    }

    [Fact]
    public void Match_KindOther_Nothing()
    {
        var matched = IncidentMatching.Match(Report(IncidentKind.Other, 8, ["passengers"]), Day(9), Events, Plan);

        Assert.Null(matched);
    }

    [Fact]
    public void Match_StartNamedDuringAGradualShift_TheShift_AWindowAfterItSettled_Nothing()
    {
        var gradual = Events[3] with { Settled = Day(18) };
        InjectedIncident[] events = [gradual];

        var during = IncidentMatching.Match(Report(IncidentKind.Drift, 16.5, ["distance_km"]), Day(17), events, Plan);
        var justAfter = IncidentMatching.Match(Report(IncidentKind.Drift, 19, ["distance_km"]), Day(19), events, Plan);
        var tooLate = IncidentMatching.Match(Report(IncidentKind.Drift, 19.1, ["distance_km"]), Day(19.5), events, Plan);

        Assert.Equal((gradual, gradual, (InjectedIncident?)null), (during, justAfter, tooLate));
    }
}
