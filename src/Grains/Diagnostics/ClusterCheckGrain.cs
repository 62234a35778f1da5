using PPipe.Grains.Interfaces.Diagnostics;

namespace PPipe.Grains.Diagnostics;

/// <summary>
/// An operator's check that state and reminders work where the grain lands. Placed at random, not by the default
/// resource-optimized placement, so a handful of checks spread over the silos and show that each of them takes work,
/// whatever their load.
/// </summary>
[Orleans.Placement.RandomPlacement]
internal sealed class ClusterCheckGrain(
    [PersistentState("cluster-check", StorageNames.Default)] IPersistentState<ClusterCheckState> state,
    TimeProvider time) : Grain, IClusterCheckGrain, IRemindable
{
    private const string ReminderName = "cluster-check";

    public async Task<ClusterCheckStatus> StartAsync(TimeSpan period)
    {
        // The reminder row is written first: a check reported as running always has its reminder.
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
        state.State.Running = true;
        state.State.Period = period;
        state.State.StartedAt ??= time.GetUtcNow();
        await this.WriteOrDeactivateAsync(state);
        return Snapshot();
    }

    public Task<ClusterCheckStatus> GetAsync() => Task.FromResult(Snapshot());

    public async Task<ClusterCheckStatus> StopAsync()
    {
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }

        state.State.Running = false;
        await this.WriteOrDeactivateAsync(state);
        return Snapshot();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        var now = time.GetUtcNow();
        var record = state.State;
        record.Ticks++;
        record.LastTickAt = now;
        record.RecentTicks.Add(new ClusterCheckTick(now, RuntimeIdentity));
        if (record.RecentTicks.Count > ClusterCheckState.RecentTickCapacity)
        {
            record.RecentTicks.RemoveRange(0, record.RecentTicks.Count - ClusterCheckState.RecentTickCapacity);
        }

        await this.WriteOrDeactivateAsync(state);
    }

    private ClusterCheckStatus Snapshot()
    {
        var record = state.State;
        return new ClusterCheckStatus(
            this.GetPrimaryKeyString(),
            record.Running,
            record.Period,
            record.StartedAt,
            record.Ticks,
            record.LastTickAt,
            [.. record.RecentTicks],
            RuntimeIdentity);
    }
}
