namespace PPipe.Integration.Tests.Schema;

/// <summary>
/// A grain that exercises the ADO.NET persistence and reminder providers through Orleans itself, so
/// the tests prove the schema against the providers' real queries and parameters.
/// </summary>
[Alias("ppipe.tests.IProviderProbeGrain")]
public interface IProviderProbeGrain : IGrainWithStringKey
{
    /// <summary>Stores the value and returns once the provider has written it.</summary>
    [Alias("Write")]
    Task<ProviderProbeSnapshot> WriteAsync(string value);

    /// <summary>The state as this activation holds it (read by the provider when it activated).</summary>
    [Alias("Read")]
    Task<ProviderProbeSnapshot> ReadAsync();

    /// <summary>Clears the stored state.</summary>
    [Alias("Clear")]
    Task<ProviderProbeSnapshot> ClearAsync();

    /// <summary>Deactivates this activation once the call returns; the next call activates a new one.</summary>
    [Alias("Deactivate")]
    Task DeactivateAsync();

    /// <summary>Registers (or updates) the probe's reminder.</summary>
    [Alias("StartReminder")]
    Task StartReminderAsync(TimeSpan period);

    /// <summary>Reminder ticks this activation has received.</summary>
    [Alias("GetTicks")]
    Task<int> GetTicksAsync();

    /// <summary>Unregisters the probe's reminder; false when none was registered.</summary>
    [Alias("StopReminder")]
    Task<bool> StopReminderAsync();
}
