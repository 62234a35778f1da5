using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Storage;
using PPipe.Grains.Interfaces.Storage;
using PPipe.Hosting.Storage;

namespace PPipe.Hosting.Tests.Storage;

public sealed class ResilientGrainStorageTests
{
    private static readonly GrainId Grain = GrainId.Create("enrollment", "c-1/alice");

    private static NpgsqlException ConnectionRefused() => new("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    private static ResilientGrainStorage Wrap(IGrainStorage inner, RecordingLogger logger, int maxConcurrency = 8, int attempts = 4) =>
        new(inner, maxConcurrency, attempts, TimeSpan.Zero, TimeProvider.System, logger);

    [Fact]
    public async Task Write_ConnectionDroppedOnce_SucceedsOnRetryWithOneWarningAndNoError()
    {
        var inner = new ScriptedStorage(ConnectionRefused());
        var logger = new RecordingLogger();

        await Wrap(inner, logger).WriteStateAsync("enrollment", Grain, new GrainState<int>(1));

        Assert.Equal(2, inner.Calls);
        Assert.Equal([LogLevel.Warning], logger.Levels);
    }

    [Fact]
    public async Task Read_DatabaseDownThroughEveryAttempt_StorageUnavailableNamingWhatFailed()
    {
        var inner = new ScriptedStorage(ConnectionRefused(), ConnectionRefused(), ConnectionRefused());
        var logger = new RecordingLogger();

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            Wrap(inner, logger, attempts: 3).ReadStateAsync("enrollment", Grain, new GrainState<int>(0)));

        Assert.Equal(3, inner.Calls);
        Assert.Contains("read of enrollment state for enrollment/c-1/alice", error.Message, StringComparison.Ordinal);
        Assert.Contains("Failed to connect to 127.0.0.1:5432", error.Message, StringComparison.Ordinal);
        Assert.Equal([LogLevel.Warning, LogLevel.Warning, LogLevel.Error], logger.Levels);
    }

    [Fact]
    public async Task Write_ConflictWithAnotherActivation_PassesThroughWithoutRetry()
    {
        var inner = new ScriptedStorage(new InconsistentStateException("version 3 stored, 2 expected"));
        var logger = new RecordingLogger();

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Wrap(inner, logger).WriteStateAsync("enrollment", Grain, new GrainState<int>(1)));

        Assert.Equal(1, inner.Calls);
        Assert.Empty(logger.Levels);
    }

    [Fact]
    public async Task Write_NonTransientDatabaseError_NotRetriedButStillStorageUnavailable()
    {
        var inner = new ScriptedStorage(new NpgsqlException("permission denied for table orleansstorage"));
        var logger = new RecordingLogger();

        await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            Wrap(inner, logger).WriteStateAsync("enrollment", Grain, new GrainState<int>(1)));

        Assert.Equal(1, inner.Calls);
        Assert.Equal([LogLevel.Error], logger.Levels);
    }

    [Fact]
    public async Task Writes_ManyMoreThanTheLimitAtOnce_AtMostTheLimitReachTheDatabase()
    {
        var inner = new ScriptedStorage { Gated = true };
        var storage = Wrap(inner, new RecordingLogger(), maxConcurrency: 3);

        var writes = Enumerable.Range(0, 50).Select(i => storage.WriteStateAsync("enrollment", GrainId.Create("enrollment", $"c-1/s{i}"), new GrainState<int>(i))).ToArray();
        await WaitUntilAsync(() => inner.Calls == 3);
        inner.Gate.SetResult();
        await Task.WhenAll(writes);

        Assert.Equal(50, inner.Calls);
        Assert.Equal(3, inner.MostAtOnce);
    }

    [Fact]
    public async Task Read_WhileStorageIsKnownDown_OneAttemptThenTheFirstSuccessRestoresRetriesAndAnnouncesRecovery()
    {
        var inner = new ScriptedStorage(
            ConnectionRefused(), ConnectionRefused(), // the outage begins: every attempt fails
            ConnectionRefused(), // known down: a single attempt
            null, // storage is back
            ConnectionRefused()); // after the recovery, a failure is retried again
        var recovered = 0;
        var storage = new ResilientGrainStorage(inner, 8, 2, TimeSpan.Zero, TimeProvider.System, new RecordingLogger(), () => recovered++);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.ReadStateAsync("enrollment", Grain, new GrainState<int>(0)));
        var callsAfterOutageBegan = inner.Calls;
        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.ReadStateAsync("enrollment", Grain, new GrainState<int>(0)));
        var callsWhileDown = inner.Calls - callsAfterOutageBegan;
        await storage.WriteStateAsync("enrollment", Grain, new GrainState<int>(1)); // storage is back: one attempt succeeds
        var callsBeforeRetriedFailure = inner.Calls;
        await storage.ReadStateAsync("enrollment", Grain, new GrainState<int>(0)); // fails once, retried, succeeds

        Assert.Equal((2, 1, 1), (callsAfterOutageBegan, callsWhileDown, recovered));
        Assert.Equal(2, inner.Calls - callsBeforeRetriedFailure);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 10 s.");
            await Task.Yield();
        }
    }
}
