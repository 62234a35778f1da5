using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Scenarios;
using PPipe.Scenarios.Assessment;
using PPipe.Scenarios.Generation;
using static PPipe.Grains.Tests.Enrollments.Policies.PolicyScenario;

namespace PPipe.Grains.Tests.Enrollments.Policies;

public sealed class CopyCheckTests
{
    private static readonly IReadOnlyList<RowTruth> Truths = new ScenarioGenerator(Definition, 7, StartsAt).BatchTruth(1);
    private static readonly BatchIds Ids = BatchIds.FromTruths(Truths);
    private static readonly Comparer<BandHash> BandOrder = Comparer<BandHash>.Create((x, y) => x.Band.CompareTo(y.Band));

    [Fact]
    public void Candidates_SharedAcrossShards_CountedTogetherFromThreeUp()
    {
        IReadOnlyDictionary<string, int>[] shards =
        [
            new Dictionary<string, int> { ["bob"] = 2, ["cy"] = 1 },
            new Dictionary<string, int> { ["bob"] = 1, ["dee"] = 2 },
        ];

        var candidates = CopyCheck.Candidates(shards);

        Assert.Equal(["bob"], candidates);
    }

    [Fact]
    public void Candidates_MoreThanTheChecksAllowed_MostSharedFirstThenById()
    {
        var shard = new Dictionary<string, int> { ["f"] = 3, ["e"] = 9, ["d"] = 4, ["c"] = 4, ["b"] = 5, ["a"] = 3, ["g"] = 2 };

        var candidates = CopyCheck.Candidates([shard]);

        Assert.Equal(["e", "b", "c", "d", "a"], candidates);
    }

    [Fact]
    public void ShardsOf_Predictions_EveryBandOnceInTheShardOfItsHash()
    {
        var predictions = new BatchPredictions(Ids, [.. Truths.Select(t => t.Oracle)], null);

        var shards = CopyCheck.ShardsOf(ScenarioTask.Regression, predictions);

        var bands = CopyDetection.Bands(ScenarioTask.Regression, predictions);
        Assert.Equal(bands.Count, shards.Values.Sum(s => s.Length));
        Assert.All(shards, shard => Assert.All(shard.Value, band => Assert.Equal(shard.Key, (int)(band.Hash % CopyCheck.Shards))));
        Assert.Equal(bands.Select(b => new BandHash(b.Band, b.Hash)).Order(BandOrder), shards.Values.SelectMany(s => s).Order(BandOrder));
    }

    [Fact]
    public void Suspicion_SamePredictions_FlaggedWithFullAgreement()
    {
        var mine = new BatchPredictions(Ids, [.. Truths.Select(t => t.Oracle)], null);

        var agreement = CopyCheck.Suspicion(ScenarioTask.Regression, mine, new BatchSubmission([.. mine.Predictions], null));

        Assert.Equal(1, agreement!.Value, 9);
    }

    [Fact]
    public void Suspicion_AnotherStudentsOwnWork_NotFlagged()
    {
        var mine = new BatchPredictions(Ids, [.. Truths.Select(t => t.Oracle)], null);
        var theirs = new ScenarioGenerator(Definition, 8, StartsAt).BatchTruth(1).Select(t => t.Oracle).ToArray();

        var agreement = CopyCheck.Suspicion(ScenarioTask.Regression, mine, new BatchSubmission(theirs, null));

        Assert.Null(agreement);
    }

    [Fact]
    public void Suspicion_OtherRows_NotCompared()
    {
        var mine = new BatchPredictions(Ids, [.. Truths.Select(t => t.Oracle)], null);

        var agreement = CopyCheck.Suspicion(ScenarioTask.Regression, mine, new BatchSubmission([.. mine.Predictions.Skip(1)], null));

        Assert.Null(agreement);
    }

    [Fact]
    public void ShardKey_CohortBatchAndShard_OneKeyEach()
    {
        var key = CopyCheck.ShardKey("c-1", 3, 7);

        Assert.Equal("c-1/3/7", key);
    }
}
