using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Tests.Infrastructure;

namespace PPipe.Grains.Tests.Assessment;

[Collection(ClusterCollection.Name)]
public sealed class CopyIndexGrainTests(ClusterFixture fixture)
{
    private static readonly BandHash[] Bands = [new(0, 11), new(1, 22), new(2, 33), new(3, 44)];

    [Fact]
    public async Task Register_FirstStudent_SharesWithNobody()
    {
        var index = NewIndex();

        var shared = await index.RegisterAsync("ada", [.. Bands]);

        Assert.Empty(shared);
    }

    [Fact]
    public async Task Register_StudentsSharingBands_EachLearnsWhoSharedHowMany()
    {
        var index = NewIndex();
        await index.RegisterAsync("ada", [.. Bands]);
        await index.RegisterAsync("bob", [Bands[0], Bands[1], new BandHash(2, 99)]);

        var cal = await index.RegisterAsync("cal", [.. Bands]);

        Assert.Equal(new Dictionary<string, int> { ["ada"] = 4, ["bob"] = 2 }, cal.ToDictionary());
    }

    [Fact]
    public async Task Register_SameStudentAgain_NothingCountedTwice()
    {
        var index = NewIndex();
        await index.RegisterAsync("ada", [.. Bands]);
        await index.RegisterAsync("bob", [.. Bands]);

        var repeated = await index.RegisterAsync("bob", [.. Bands]);
        var cal = await index.RegisterAsync("cal", [Bands[0]]);

        Assert.Empty(repeated);
        Assert.Equal(new Dictionary<string, int> { ["ada"] = 1, ["bob"] = 1 }, cal.ToDictionary());
    }

    [Fact]
    public async Task Register_BandSharedByMaxSharers_LaterStudentsNeitherCountedNorAdded()
    {
        var index = NewIndex();
        for (var i = 0; i < CopyIndexGrain.MaxSharers; i++)
        {
            await index.RegisterAsync($"s{i:00}", [Bands[0]]);
        }

        var late = await index.RegisterAsync("late", [Bands[0], Bands[1]]);
        var later = await index.RegisterAsync("later", [Bands[1]]);

        Assert.Empty(late);
        Assert.Equal(new Dictionary<string, int> { ["late"] = 1 }, later.ToDictionary());
    }

    [Fact]
    public async Task Index_AfterDeactivation_StartsEmpty()
    {
        var index = NewIndex();
        await index.RegisterAsync("ada", [.. Bands]);

        await fixture.Cluster.DeactivateAsync(index);
        var bob = await index.RegisterAsync("bob", [.. Bands]);

        Assert.Empty(bob); // candidates only: the enrollments verify copies against their stored predictions
    }

    private ICopyIndexGrain NewIndex() => fixture.Client.GetGrain<ICopyIndexGrain>($"c-{Guid.NewGuid():N}/1/0");
}
