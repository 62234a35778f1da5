using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Assessment;

[Collection(ClusterCollection.Name)]
public sealed class CohortFlagsGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset At = new(2031, 2, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Flag_SamePairAndBatchFromEitherSide_RecordedOnce()
    {
        var flags = NewFlags();

        await flags.FlagAsync(new CopyFlag(1, "ada", "bob", 0.97, At));
        await flags.FlagAsync(new CopyFlag(1, "bob", "ada", 0.97, At.AddSeconds(1)));
        await flags.FlagAsync(new CopyFlag(1, "ada", "bob", 0.99, At.AddSeconds(2)));

        Assert.Equal([new CopyFlag(1, "ada", "bob", 0.97, At)], await flags.ListAsync());
    }

    [Fact]
    public async Task Flag_SamePairInAnotherBatchOrAnotherPair_EachRecordedNewestFirst()
    {
        var flags = NewFlags();

        await flags.FlagAsync(new CopyFlag(1, "ada", "bob", 0.97, At));
        await flags.FlagAsync(new CopyFlag(2, "ada", "bob", 0.95, At.AddDays(1)));
        await flags.FlagAsync(new CopyFlag(2, "ada", "cal", 0.91, At.AddDays(1)));

        Assert.Equal([(2, "cal"), (2, "bob"), (1, "bob")], (await flags.ListAsync()).Select(f => (f.Batch, f.OtherStudentId)));
    }

    [Fact]
    public async Task Flag_BeyondCapacity_OldestDropped()
    {
        var flags = NewFlags();
        var full = new CohortFlagsState { Flags = [.. Enumerable.Range(0, CohortFlagsGrain.Capacity).Select(i => new CopyFlag(1, $"s{i:0000}", "ada", 0.9, At.AddSeconds(i)))] };
        await fixture.SeedStateAsync(flags, "cohort-flags", full);

        await flags.FlagAsync(new CopyFlag(1, $"s{CohortFlagsGrain.Capacity:0000}", "ada", 0.9, At.AddSeconds(CohortFlagsGrain.Capacity)));
        var listed = await flags.ListAsync();

        Assert.Equal(CohortFlagsGrain.Capacity, listed.Length);
        Assert.Equal($"s{CohortFlagsGrain.Capacity:0000}", listed[0].StudentId);
        Assert.Equal("s0001", listed[^1].StudentId);
    }

    [Fact]
    public async Task Flags_AfterDeactivation_StillListed()
    {
        var flags = NewFlags();
        await flags.FlagAsync(new CopyFlag(3, "ada", "bob", 0.97, At));

        await fixture.Cluster.DeactivateAsync(flags);

        Assert.Equal([new CopyFlag(3, "ada", "bob", 0.97, At)], await flags.ListAsync());
    }

    private ICohortFlagsGrain NewFlags() => fixture.Client.GetGrain<ICohortFlagsGrain>(TestCohorts.NewId("c-"));
}
