using System.Diagnostics;
using PPipe.Grains.Client.Datasets;
using PPipe.Grains.Interfaces.Datasets;
using PPipe.Hosting.Datasets;
using PPipe.Scenarios;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Generation;

namespace PPipe.Datasets.Bench;

/// <summary>
/// A generated dataset as a scenario finds it in the platform: uploaded through <see cref="DatasetIngest"/> into the
/// embedded store (<see cref="MemoryDatasetStore"/>) with its confirmed roles, constant stand-in reference predictions
/// stored beside it, and read back as a process reads a scenario's dataset (<see cref="DatasetScenarioSource"/>).
/// </summary>
internal sealed class StoredDataset
{
    private readonly DatasetScenarioSource _source;
    private readonly DatasetRoles _roles;
    private readonly ScenarioTask? _task;
    private readonly string? _series;
    private Guid _references;

    private StoredDataset(string id, DatasetScenarioSource source, DatasetProfile profile, Guid upload, DatasetRoles roles, ScenarioTask? task, string? series)
    {
        (Id, _source, Profile, Upload, _roles, _task, _series) = (id, source, profile, upload, roles, task, series);
    }

    public string Id { get; }

    /// <summary>The upload's profile: its rows and typed columns.</summary>
    public DatasetProfile Profile { get; }

    public Guid Upload { get; }

    /// <summary>
    /// Uploads <paramref name="file"/> (CSV) as dataset <paramref name="id"/>, confirms <paramref name="roles"/>, and stores
    /// stand-in references for its table, read as <paramref name="task"/> (inferred when null) with its series told apart
    /// by <paramref name="series"/> (a forecast's; none otherwise).
    /// </summary>
    public static async Task<StoredDataset> UploadAsync(string id, byte[] file, DatasetRoles roles, ScenarioTask? task = null, string? series = null)
    {
        var store = new MemoryDatasetStore(TimeProvider.System);
        var ingested = await new DatasetIngest(store).IngestAsync(id, DatasetFormat.Csv, new MemoryStream(file), long.MaxValue, CancellationToken.None);
        if (ingested is not { Upload: { } upload, Profile: { } profile })
        {
            throw new InvalidOperationException($"The upload refused the bench's dataset: {ingested.Problem?.Message}");
        }

        // Reading a table and its references touches the store only; the grain factory is for looking a version up.
        var dataset = new StoredDataset(id, new DatasetScenarioSource(null!, store), profile, upload, roles, task, series);
        dataset._references = await dataset.StoreStandInReferencesAsync(await dataset.ReadTableAsync());
        return dataset;
    }

    /// <summary>The table of the stored rows, as <see cref="DatasetScenarioSource"/> reads it for a process.</summary>
    public async Task<DatasetTable> ReadTableAsync()
    {
        var (table, problems) = await _source.ReadTableAsync(Id, 1, Profile, _roles, Upload, _task, seed: 1, CancellationToken.None, _series);
        return table ?? throw new InvalidOperationException($"The bench's dataset cannot run as a scenario: {string.Join("; ", problems)}");
    }

    /// <summary>
    /// Times <paramref name="count"/> times what <c>ScenarioCatalog</c> does for a stored scenario over the dataset after
    /// its grain calls: the table from the store, the references, and <paramref name="read"/> reading the spec over the
    /// table. Returns the last load and each load's time, allocations and retained heap.
    /// </summary>
    public async Task<(DatasetTable Table, Scenario Scenario, IReadOnlyList<LoadTiming> Loads)> TimeLoadsAsync(int count, Func<DatasetTable, Scenario> read)
    {
        var loads = new List<LoadTiming>();
        var loaded = new LoadedScenario();
        for (var run = 0; run < count; run++)
        {
            loads.Add(await TimeLoadAsync(loaded, read));
        }

        return (loaded.Table!, loaded.Scenario!, loads);
    }

    /// <summary>
    /// One load into <paramref name="loaded"/>: only numbers come back, so nothing of the previous load stays reachable
    /// while the heap is read before the next.
    /// </summary>
    private async Task<LoadTiming> TimeLoadAsync(LoadedScenario loaded, Func<DatasetTable, Scenario> read)
    {
        (loaded.Table, loaded.Scenario) = (null, null);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heapBefore = GC.GetTotalMemory(true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        loaded.Table = await _source.LoadReferencesAsync(await ReadTableAsync(), _references, CancellationToken.None);
        loaded.Scenario = read(loaded.Table);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new LoadTiming(clock.Elapsed, allocated, GC.GetTotalMemory(true) - heapBefore);
    }

    /// <summary>Constant predictions stand in for the reference models: fitting them is not what this measures.</summary>
    private Task<Guid> StoreStandInReferencesAsync(DatasetTable table)
    {
        var oracle = Enumerable.Repeat(new ConceptOutput(0, 0, 0.2), table.RowCount).ToArray();
        var stale = Enumerable.Repeat(new ConceptOutput(0, 0, 0.15), table.RowCount).ToArray();
        return _source.SaveReferencesAsync(table, oracle, stale, CancellationToken.None);
    }

    private sealed class LoadedScenario
    {
        public DatasetTable? Table { get; set; }

        public Scenario? Scenario { get; set; }
    }
}

/// <summary>One timed load of a scenario's dataset: how long it took, what it allocated and what it left on the heap.</summary>
internal readonly record struct LoadTiming(TimeSpan Time, long Allocated, long Retained);
