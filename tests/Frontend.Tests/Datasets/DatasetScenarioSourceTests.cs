using PPipe.Grains.Client.Datasets;
using PPipe.Hosting.Datasets;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Generation;

namespace PPipe.Frontend.Tests.Datasets;

/// <summary>
/// The reference predictions of a scenario over a dataset in the dataset store: what is saved is what every process reads
/// back, and a save that cannot complete, or predictions that do not fit the table, leave nothing behind or say so.
/// </summary>
public sealed class DatasetScenarioSourceTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private readonly MemoryDatasetStore _store = new(TimeProvider.System);

    [Fact]
    public async Task SaveThenLoad_EveryPredictionReadBackExactly()
    {
        var table = Table(rows: 20_000);
        var (oracle, stale) = Predictions(table.RowCount);
        var source = new DatasetScenarioSource(null!, _store);

        var key = await source.SaveReferencesAsync(table, oracle, stale, Ct);
        var loaded = await source.LoadReferencesAsync(table, key, Ct);
        var usage = await _store.UsageAsync(table.DatasetId, Ct);

        Assert.True(loaded.HasReferences);
        Assert.Equal(oracle, Enumerable.Range(0, table.RowCount).Select(loaded.OracleOf));
        Assert.Equal(stale, Enumerable.Range(0, table.RowCount).Select(loaded.StaleOf));
        Assert.Equal((1, 1), (usage.Uploads, usage.Sealed));
    }

    [Fact]
    public async Task Save_PredictionsForOtherRowCount_RefusedBeforeAnythingIsStored()
    {
        var table = Table(rows: 100);
        var (oracle, stale) = Predictions(99);

        await Assert.ThrowsAsync<ArgumentException>(() => new DatasetScenarioSource(null!, _store).SaveReferencesAsync(table, oracle, stale, Ct));

        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await _store.UsageAsync(table.DatasetId, Ct));
    }

    [Fact]
    public async Task Save_StoreFailsAfterAChunk_NothingKept()
    {
        var table = Table(rows: 20_000);
        var (oracle, stale) = Predictions(table.RowCount);
        var failing = new StoreFailingOnAppend(_store, failingAppend: 2);

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => new DatasetScenarioSource(null!, failing).SaveReferencesAsync(table, oracle, stale, Ct));

        Assert.Equal(StoreFailingOnAppend.Message, failure.Message);
        Assert.Equal(new DatasetStorageUsage(0, 0, 0), await _store.UsageAsync(table.DatasetId, Ct));
    }

    [Fact]
    public async Task Load_PredictionsOfASmallerTable_SaysTheyDoNotMatch()
    {
        var small = Table(rows: 50);
        var (oracle, stale) = Predictions(small.RowCount);
        var source = new DatasetScenarioSource(null!, _store);
        var key = await source.SaveReferencesAsync(small, oracle, stale, Ct);

        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => source.LoadReferencesAsync(Table(rows: 60), key, Ct));

        Assert.Contains("hold 50 rows, not 60", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_ReferencesNoLongerStored_SaysTheyDoNotMatchInsteadOfRunningWithout()
    {
        var table = Table(rows: 50);
        var (oracle, stale) = Predictions(table.RowCount);
        var source = new DatasetScenarioSource(null!, _store);
        var key = await source.SaveReferencesAsync(table, oracle, stale, Ct);
        await _store.DiscardAsync(key, Ct);

        // The memory store refuses an unknown key; PostgreSQL finds no chunk and the source says it holds no rows. Either
        // way the load fails naming the references, rather than running the scenario without its baselines.
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => source.LoadReferencesAsync(table, key, Ct));

        Assert.Contains(key.ToString(), failure.Message, StringComparison.Ordinal);
    }

    private static DatasetTable Table(int rows)
    {
        var builder = new DatasetTableBuilder("meters", 1, [new("load", DatasetColumnKind.Number), new("y", DatasetColumnKind.Integer)], "y", null, null, null, 3);
        for (var i = 0; i < rows; i++)
        {
            builder.Add([(i * 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture), (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        return builder.Build().Table!;
    }

    /// <summary>Predictions with values a text round trip could spoil: long fractions, NaN, tiny probabilities.</summary>
    private static (ConceptOutput[] Oracle, ConceptOutput[] Stale) Predictions(int rows) =>
        ([.. Enumerable.Range(0, rows).Select(i => new ConceptOutput(i % 2, i % 2, 1.0 / (i + 3)))],
         [.. Enumerable.Range(0, rows).Select(i => new ConceptOutput(Math.PI * i, 0, i % 7 == 0 ? double.NaN : 1e-6 * i))]);
}
