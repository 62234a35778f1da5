using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Hosting.Tests;

public sealed class EmbeddedGrainStorageTests : IDisposable
{
    private const string StateName = "credential";
    private static readonly EnrollmentKey Alice = new("c-0123456789ab", "alice");
    private static readonly EnrollmentKey Bob = new("c-0123456789ab", "bob");

    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(StoredCredential).Assembly)).BuildServiceProvider();
    private readonly EmbeddedGrainStorage _storage;
    private readonly GrainId _grain = GrainId.Create("credential", "t-" + Guid.NewGuid().ToString("N"));

    public EmbeddedGrainStorageTests() =>
        _storage = new EmbeddedGrainStorage(new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()));

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Read_NothingStored_NoRecordAndStateLeftAsItWas()
    {
        var state = new GrainState<StoredCredential>(new StoredCredential());

        await _storage.ReadStateAsync(StateName, _grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Null(state.State!.Enrollment);
    }

    [Fact]
    public async Task Write_ThenReadIntoAnotherActivation_GetsTheStateAndItsETag()
    {
        var writer = new GrainState<StoredCredential>(new StoredCredential { Enrollment = Alice });
        await _storage.WriteStateAsync(StateName, _grain, writer);

        var reader = new GrainState<StoredCredential>(new StoredCredential());
        await _storage.ReadStateAsync(StateName, _grain, reader);

        Assert.True(reader.RecordExists);
        Assert.Equal(Alice, reader.State!.Enrollment);
        Assert.Equal(writer.ETag, reader.ETag);
        Assert.NotSame(writer.State, reader.State);
    }

    [Fact]
    public async Task Write_ChangedAfterWrite_StoredCopyUnchanged()
    {
        var writer = new GrainState<StoredCredential>(new StoredCredential { Enrollment = Alice });
        await _storage.WriteStateAsync(StateName, _grain, writer);

        writer.State!.Revoked = true;
        var reader = new GrainState<StoredCredential>(new StoredCredential());
        await _storage.ReadStateAsync(StateName, _grain, reader);

        Assert.False(reader.State!.Revoked);
    }

    [Fact]
    public async Task Write_StaleETag_RefusedAndTheNewerRecordKept()
    {
        var first = new GrainState<StoredCredential>(new StoredCredential());
        await _storage.ReadStateAsync(StateName, _grain, first);
        var second = new GrainState<StoredCredential>(new StoredCredential());
        await _storage.ReadStateAsync(StateName, _grain, second);
        first.State!.Enrollment = Alice;
        await _storage.WriteStateAsync(StateName, _grain, first);

        second.State!.Enrollment = Bob;
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, _grain, second));

        var stored = new GrainState<StoredCredential>(new StoredCredential());
        await _storage.ReadStateAsync(StateName, _grain, stored);
        Assert.Equal(Alice, stored.State!.Enrollment);
        Assert.Equal(first.ETag, refused.StoredEtag);
        Assert.Null(second.ETag);
    }

    [Fact]
    public async Task Write_ConcurrentWritersFromOneVersion_ExactlyOneWins()
    {
        var writers = Enumerable.Range(0, 16)
            .Select(i => new GrainState<StoredCredential>(new StoredCredential { Enrollment = new EnrollmentKey("c-0123456789ab", $"s{i}") }))
            .ToList();

        var outcomes = await Task.WhenAll(writers.Select(w => Task.Run(async () =>
        {
            try
            {
                await _storage.WriteStateAsync(StateName, _grain, w);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }, TestContext.Current.CancellationToken)));

        var winner = writers[Array.IndexOf(outcomes, true)];
        var stored = new GrainState<StoredCredential>(new StoredCredential());
        await _storage.ReadStateAsync(StateName, _grain, stored);
        Assert.Single(outcomes, won => won);
        Assert.Equal(winner.State!.Enrollment, stored.State!.Enrollment);
        Assert.Equal(winner.ETag, stored.ETag);
    }

    [Fact]
    public async Task Clear_CurrentETag_RecordGoneAndStateReset()
    {
        var state = new GrainState<StoredCredential>(new StoredCredential { Enrollment = Alice });
        await _storage.WriteStateAsync(StateName, _grain, state);

        await _storage.ClearStateAsync(StateName, _grain, state);

        var reader = new GrainState<StoredCredential>(new StoredCredential());
        await _storage.ReadStateAsync(StateName, _grain, reader);
        Assert.False(reader.RecordExists);
        Assert.Null(state.State!.Enrollment);
        Assert.Equal(0, _storage.Count);
    }

    [Fact]
    public async Task Clear_StaleETag_RefusedAndRecordKept()
    {
        var stale = new GrainState<StoredCredential>(new StoredCredential { Enrollment = Alice });
        await _storage.WriteStateAsync(StateName, _grain, stale);
        var current = new GrainState<StoredCredential>(new StoredCredential());
        await _storage.ReadStateAsync(StateName, _grain, current);
        current.State!.Revoked = true;
        await _storage.WriteStateAsync(StateName, _grain, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync(StateName, _grain, stale));

        var reader = new GrainState<StoredCredential>(new StoredCredential());
        await _storage.ReadStateAsync(StateName, _grain, reader);
        Assert.True(reader.State!.Revoked);
    }

    [Fact]
    public async Task Write_SameGrainOtherStateName_SeparateRecords()
    {
        await _storage.WriteStateAsync(StateName, _grain, new GrainState<StoredCredential>(new StoredCredential { Enrollment = Alice }));
        await _storage.WriteStateAsync("other", _grain, new GrainState<StoredCredential>(new StoredCredential { Enrollment = Bob }));

        var reader = new GrainState<StoredCredential>(new StoredCredential());
        await _storage.ReadStateAsync(StateName, _grain, reader);

        Assert.Equal(Alice, reader.State!.Enrollment);
        Assert.Equal(2, _storage.Count);
    }
}
