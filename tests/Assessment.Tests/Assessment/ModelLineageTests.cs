using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios.Timeline;

namespace PPipe.Assessment.Tests.Assessment;

public sealed class ModelLineageTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(ModelLineage).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void Observe_NewVersion_KeepsItsClaimWhereAndWhenItWasSeenAndTheFetchesThen()
    {
        var lineage = new ModelLineage();

        lineage.Observe(new ModelStamp("v1", 3, "sha256:aa"), Sighting(Day(3.5), batch: 3, fetched: 4, highestFetched: 4, highestReleased: 4));

        Assert.Equal(
            ["v1, 3, sha256:aa, 3.12:00:00, 3.12:00:00, 3, 0, 1, 4, "],
            lineage.Versions.Select(Text));
        Assert.Equal((1, 0), (lineage.Seen, lineage.Flagged));
    }

    [Fact]
    public void Observe_SameModelAgain_MovesLastSeenAndCounts_TakesALateDigest_FlagsNothing()
    {
        var lineage = new ModelLineage();
        lineage.Observe(new ModelStamp("v1", 3, null), Sighting(Day(4), highestFetched: 4));

        lineage.Observe(new ModelStamp("v1", 3, "sha256:aa"), Sighting(Day(5), highestFetched: 5));
        lineage.Observe(new ModelStamp("v1", 3, null), Sighting(Day(5.5), batch: 5, highestFetched: 5));

        var entry = Assert.Single(lineage.Versions);
        Assert.Equal((Day(4), Day(5.5), (int?)null, 2, 1, "sha256:aa"), (entry.FirstSeen, entry.LastSeen, entry.FirstBatch, entry.Answers, entry.Submissions, entry.Digest));
        Assert.Empty(entry.Flags);
    }

    [Theory]
    [InlineData(7, new ModelFlag[0])]
    [InlineData(8, new[] { ModelFlag.UnfetchedData })]
    [InlineData(10, new[] { ModelFlag.UnreleasedData })]
    public void Observe_ClaimBeyondWhatWasFetchedOrReleased_Flagged(int trainedThrough, ModelFlag[] flags)
    {
        var lineage = new ModelLineage();

        lineage.Observe(new ModelStamp("v2", trainedThrough, null), Sighting(Day(9), fetched: 6, highestFetched: 7, highestReleased: 9));

        Assert.Equal(flags, lineage.Versions.Single().Flags);
    }

    [Fact]
    public void Observe_NameReusedForAnotherModel_FlaggedAndTheNewClaimCheckedToo_FirstClaimKept()
    {
        var lineage = new ModelLineage();
        lineage.Observe(new ModelStamp("v3", 5, null), Sighting(Day(6), highestFetched: 5));
        lineage.Observe(new ModelStamp("v4", 5, "sha256:aa"), Sighting(Day(6), highestFetched: 5));

        lineage.Observe(new ModelStamp("v3", 9, null), Sighting(Day(7), highestFetched: 6, highestReleased: 9));
        lineage.Observe(new ModelStamp("v4", 5, "sha256:bb"), Sighting(Day(7), highestFetched: 6));

        Assert.Equal([ModelFlag.ReusedVersion, ModelFlag.UnfetchedData], lineage.Versions[0].Flags);
        Assert.Equal(5, lineage.Versions[0].TrainedThrough);
        Assert.Equal([ModelFlag.ReusedVersion], lineage.Versions[1].Flags);
        Assert.Equal((2, 2), (lineage.Seen, lineage.Flagged));
    }

    [Fact]
    public void Observe_MoreVersionsThanTheCapacity_OldestFoldedIntoCounts_FlagsStillCounted()
    {
        var lineage = new ModelLineage();
        lineage.Observe(new ModelStamp("v0", 50, null), Sighting(Day(1), highestFetched: 1));

        for (var i = 1; i <= ModelLineage.Capacity + 1; i++)
        {
            lineage.Observe(new ModelStamp($"v{i}", 1, null), Sighting(Day(1) + TimeSpan.FromMinutes(i), highestFetched: 1));
        }

        Assert.Equal(ModelLineage.Capacity, lineage.Versions.Count);
        Assert.Equal(("v2", $"v{ModelLineage.Capacity + 1}"), (lineage.Versions[0].Version, lineage.Versions[^1].Version));
        Assert.Equal((2, 1), (lineage.Folded, lineage.FoldedFlagged));
        Assert.Equal((ModelLineage.Capacity + 2, 1), (lineage.Seen, lineage.Flagged));
    }

    [Fact]
    public void Serialize_RoundTrip_KeepsEverything()
    {
        var lineage = new ModelLineage { From = Day(2) };
        lineage.Observe(new ModelStamp("v1", 9, "sha256:aa"), Sighting(Day(3), batch: 3, highestFetched: 2));

        var copy = Serializer.Deserialize<ModelLineage>(Serializer.SerializeToArray(lineage))!;

        Assert.Equal(["v1, 9, sha256:aa, 3.00:00:00, 3.00:00:00, 3, 0, 1, 1, UnfetchedData"], copy.Log().Versions.Select(Text));
        Assert.Equal((Day(2), 0), (copy.From, copy.Folded));
    }

    [Fact]
    public void SightingOf_CountsFetchesUpToTheWallTime_AndTheHighestReleaseAvailableThen()
    {
        var scenario = SyntheticStudent.Template("taxi-fares");
        var schedule = new ScenarioSchedule(scenario);
        FetchRecord[] fetches = [Fetch(1, Day(0.1)), Fetch(3, Day(2.1)), Fetch(2, Day(2.2)), Fetch(4, Day(4))];

        var sighting = ModelSighting.Of(Day(2.5), SyntheticStudent.Wall(Day(2.5)), null, fetches, schedule);

        // Releases are daily from day 0: 1, 2 and 3 are out by 2.5 days.
        Assert.Equal(new ModelSighting(Day(2.5), null, 3, 3, 3), sighting);
    }

    private static ModelSighting Sighting(TimeSpan at, int? batch = null, int fetched = 1, int highestFetched = 1, int highestReleased = 20) =>
        new(at, batch, fetched, highestFetched, highestReleased);

    private static FetchRecord Fetch(int seq, TimeSpan at) => new(seq, SyntheticStudent.Wall(at), "api");

    private static TimeSpan Day(double days) => TimeSpan.FromDays(days);

    /// <summary>An entry as text, its flags by content (an <c>ImmutableArray</c> compares by reference).</summary>
    private static string Text(ModelVersionEntry e) => FormattableString.Invariant(
        $"{e.Version}, {e.TrainedThrough}, {e.Digest}, {e.FirstSeen}, {e.LastSeen}, {e.FirstBatch}, {e.Answers}, {e.Submissions}, {e.FetchedWhenFirstSeen}, {string.Join("+", e.Flags)}");
}
