using PPipe.Grains.Interfaces.Accounts;
using PPipe.Grains.Tests.Infrastructure;

namespace PPipe.Grains.Tests.Accounts;

/// <summary>The front ends' shared key ring, each test on a ring of its own (the grain works under any key).</summary>
[Collection(ClusterCollection.Name)]
public sealed class KeyRingGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Store_SameNameTwice_FirstElementKept()
    {
        var ring = NewRing();
        await ring.StoreAsync("key-1", "<key id='1'>first</key>");

        await ring.StoreAsync("key-1", "<key id='1'>second</key>");

        Assert.Equal(["<key id='1'>first</key>"], await ring.AllAsync());
    }

    [Fact]
    public async Task Store_BeyondMaxKeys_OldestDropped()
    {
        var ring = NewRing();
        for (var i = 0; i <= IKeyRingGrain.MaxKeys; i++)
        {
            await ring.StoreAsync($"key-{i}", $"<key id='{i}' />");
        }

        var all = await ring.AllAsync();

        Assert.Equal(IKeyRingGrain.MaxKeys, all.Length);
        Assert.Equal("<key id='1' />", all[0]);
        Assert.Equal($"<key id='{IKeyRingGrain.MaxKeys}' />", all[^1]);
    }

    [Fact]
    public async Task Keys_AfterDeactivation_SameKeysInTheSameOrder()
    {
        var ring = NewRing();
        await ring.StoreAsync("key-b", "<key id='b' />");
        await ring.StoreAsync("key-a", "<key id='a' />");

        await fixture.Cluster.DeactivateAsync(ring);

        Assert.Equal(["<key id='b' />", "<key id='a' />"], await ring.AllAsync());
    }

    private IKeyRingGrain NewRing() => fixture.Client.GetGrain<IKeyRingGrain>("ui-" + Guid.NewGuid().ToString("N"));
}
