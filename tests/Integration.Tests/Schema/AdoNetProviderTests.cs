using Npgsql;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Schema;

/// <summary>
/// The schema against the real Orleans ADO.NET providers: a silo in this process with clustering,
/// grain storage and reminders on PostgreSQL, and the rows they leave behind.
/// </summary>
public sealed class AdoNetProviderTests(ProviderSilo cluster) : IClassFixture<ProviderSilo>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private NpgsqlDataSource DataSource => cluster.Database.DataSource;

    [Fact]
    public async Task Membership_SiloStarted_RowIsActiveWithItsGateway()
    {
        var silo = cluster.Silo;

        var rows = await OrleansTables.ReadMembershipAsync(DataSource, cluster.ClusterId, Ct);

        var row = Assert.Single(rows);
        Assert.Equal(MembershipRow.Active, row.Status);
        Assert.Equal("127.0.0.1", row.Address);
        Assert.Equal(silo.SiloPort, row.Port);
        Assert.Equal(silo.Address.Generation, row.Generation);
        Assert.Equal(silo.GatewayPort, row.ProxyPort);
        Assert.True(await OrleansTables.ReadMembershipVersionAsync(DataSource, cluster.ClusterId, Ct) >= 1);
    }

    [Fact]
    public async Task GrainState_WrittenThenDeactivated_NewActivationReadsItBack()
    {
        var key = $"state-{Guid.NewGuid():N}";
        var grain = cluster.Silo.Grains.GetGrain<IProviderProbeGrain>(key);
        var written = await grain.WriteAsync("first");

        await grain.DeactivateAsync();
        var read = await Eventually.ReturnsAsync(grain.ReadAsync, s => s.Activation != written.Activation, "a new activation", Deadline, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("first", read.Value);
        Assert.True(read.RecordExists);
        Assert.Equal("1", written.ETag);
        Assert.Equal(written.ETag, read.ETag);
        var row = Assert.Single(await StorageRowsAsync(key));
        Assert.Equal(ProviderProbeGrain.StateName, row.GrainTypeString);
        Assert.Equal(cluster.ServiceId, row.ServiceId);
        Assert.Equal(1, row.Version);
        Assert.NotNull(row.PayloadBinary);
    }

    [Fact]
    public async Task GrainState_Cleared_RowKeptWithoutPayloadAndWritableAgain()
    {
        var key = $"clear-{Guid.NewGuid():N}";
        var grain = cluster.Silo.Grains.GetGrain<IProviderProbeGrain>(key);
        var written = await grain.WriteAsync("first");

        var cleared = await grain.ClearAsync();
        var rowAfterClear = Assert.Single(await StorageRowsAsync(key));
        await grain.DeactivateAsync();
        var reactivated = await Eventually.ReturnsAsync(grain.ReadAsync, s => s.Activation != written.Activation, "a new activation", Deadline, cancellationToken: TestContext.Current.CancellationToken);
        var rewritten = await grain.WriteAsync("second");

        Assert.Null(cleared.Value);
        Assert.False(cleared.RecordExists);
        Assert.Null(rowAfterClear.PayloadBinary);
        Assert.Equal(2, rowAfterClear.Version);
        Assert.Null(reactivated.Value);
        Assert.False(reactivated.RecordExists);
        Assert.Equal("2", reactivated.ETag);
        Assert.Equal("3", rewritten.ETag);
        Assert.Equal(3, Assert.Single(await StorageRowsAsync(key)).Version);
    }

    [Fact]
    public async Task WriteToStorage_StaleVersionForASiloWrittenRow_ReturnsItWithoutBump()
    {
        var key = $"stale-{Guid.NewGuid():N}";
        var grain = cluster.Silo.Grains.GetGrain<IProviderProbeGrain>(key);
        await grain.WriteAsync("first");
        await grain.WriteAsync("second");
        var before = Assert.Single(await StorageRowsAsync(key));

        var answer = await WriteWithVersionAsync(before, staleVersion: 1, payload: [0x7b, 0x7d]);

        var after = Assert.Single(await StorageRowsAsync(key));
        Assert.Equal(1, answer);
        Assert.Equal(2, after.Version);
        Assert.Equal(before.PayloadBinary, after.PayloadBinary);
        Assert.Equal("3", (await grain.WriteAsync("third")).ETag);
    }

    [Fact]
    public async Task Reminder_Registered_TicksAtLeastTwice()
    {
        var key = $"tick-{Guid.NewGuid():N}";
        var grain = cluster.Silo.Grains.GetGrain<IProviderProbeGrain>(key);

        await grain.StartReminderAsync(TimeSpan.FromSeconds(1));
        var ticks = await Eventually.ReturnsAsync(grain.GetTicksAsync, t => t >= 2, "two reminder ticks", Deadline, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(ticks >= 2);
        var reminder = Assert.Single(await RemindersAsync(key));
        Assert.Equal(ProviderProbeGrain.ReminderName, reminder.ReminderName);
        Assert.Equal(1000, reminder.Period);
        await grain.StopReminderAsync();
    }

    [Fact]
    public async Task Reminder_Unregistered_RowDeleted()
    {
        var key = $"untick-{Guid.NewGuid():N}";
        var grain = cluster.Silo.Grains.GetGrain<IProviderProbeGrain>(key);
        await grain.StartReminderAsync(TimeSpan.FromSeconds(30));
        Assert.Single(await RemindersAsync(key));

        var stopped = await grain.StopReminderAsync();

        Assert.True(stopped);
        Assert.Empty(await RemindersAsync(key));
    }

    private async Task<IReadOnlyList<StorageRow>> StorageRowsAsync(string key) =>
        [.. (await OrleansTables.ReadStorageAsync(DataSource, cluster.ServiceId, Ct)).Where(r => r.GrainIdExtensionString == key)];

    private async Task<IReadOnlyList<(string GrainId, string ReminderName, long Period)>> RemindersAsync(string key) =>
        [.. (await OrleansTables.ReadRemindersAsync(DataSource, cluster.ServiceId, Ct)).Where(r => r.GrainId.EndsWith($"/{key}", StringComparison.Ordinal))];

    /// <summary>Runs the stored WriteToStorageKey text the way the provider does, for the row's identity.</summary>
    private async Task<int?> WriteWithVersionAsync(StorageRow row, int staleVersion, byte[] payload)
    {
        await using var command = DataSource.CreateCommand(cluster.Database.Query("WriteToStorageKey"));
        command.Parameters.AddWithValue("GrainIdHash", row.GrainIdHash);
        command.Parameters.AddWithValue("GrainIdN0", row.GrainIdN0);
        command.Parameters.AddWithValue("GrainIdN1", row.GrainIdN1);
        command.Parameters.AddWithValue("GrainTypeHash", row.GrainTypeHash);
        command.Parameters.AddWithValue("GrainTypeString", row.GrainTypeString);
        command.Parameters.Add(new NpgsqlParameter("GrainIdExtensionString", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)row.GrainIdExtensionString ?? DBNull.Value });
        command.Parameters.AddWithValue("ServiceId", row.ServiceId);
        command.Parameters.AddWithValue("GrainStateVersion", staleVersion);
        command.Parameters.AddWithValue("PayloadBinary", payload);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        var ordinal = reader.GetOrdinal("NewGrainStateVersion");
        return reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
    }
}
