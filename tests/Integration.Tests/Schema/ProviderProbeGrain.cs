namespace PPipe.Integration.Tests.Schema;

public sealed class ProviderProbeGrain(
    [PersistentState(ProviderProbeGrain.StateName, ProviderProbeGrain.StorageName)] IPersistentState<ProviderProbeState> state)
    : Grain, IProviderProbeGrain, IRemindable
{
    /// <summary>Stored as <c>graintypestring</c>: the ADO.NET provider keys rows by state name.</summary>
    public const string StateName = "contract";

    public const string StorageName = "Default";

    public const string ReminderName = "probe";

    private readonly Guid _activation = Guid.NewGuid();
    private int _ticks;

    public async Task<ProviderProbeSnapshot> WriteAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
        return Snapshot();
    }

    public Task<ProviderProbeSnapshot> ReadAsync() => Task.FromResult(Snapshot());

    public async Task<ProviderProbeSnapshot> ClearAsync()
    {
        await state.ClearStateAsync();
        return Snapshot();
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task StartReminderAsync(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public Task<int> GetTicksAsync() => Task.FromResult(_ticks);

    public async Task<bool> StopReminderAsync()
    {
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is null)
        {
            return false;
        }

        await this.UnregisterReminder(reminder);
        return true;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            _ticks++;
        }

        return Task.CompletedTask;
    }

    private ProviderProbeSnapshot Snapshot() => new(state.State.Value, state.RecordExists, state.Etag, _activation);
}
