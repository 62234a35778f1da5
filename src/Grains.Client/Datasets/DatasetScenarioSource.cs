using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using PPipe.Grains.Interfaces.Datasets;
using PPipe.Scenarios;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Spec;

namespace PPipe.Grains.Client.Datasets;

/// <summary>
/// Reads what a scenario over a dataset runs on from cluster storage: the version's rows as a <see cref="DatasetTable"/>,
/// and the reference models' predictions, which are fitted once when the scenario is created and kept in the dataset
/// store as an upload of their own (one CSV line per row: the oracle's value, class and probability, then the stale
/// model's).
/// </summary>
public sealed class DatasetScenarioSource(IGrainFactory grains, IDatasetStore store)
{
    private static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = false,
        IgnoreBlankLines = false,
        DetectColumnCountChanges = false,
    };

    /// <summary>The table of the dataset version <paramref name="use"/> names, or the problems (each at <c>dataset</c>).</summary>
    public async Task<(DatasetTable? Table, IReadOnlyList<SpecError> Errors)> LoadTableAsync(DatasetUse use, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(use);
        var dataset = use.Dataset;
        if (dataset.Id is not { Length: > 0 } id || dataset.Version is not { } number)
        {
            return (null, [new SpecError("dataset", "required: the dataset's id and version, e.g. {id: iris, version: 1}")]);
        }

        if (!DatasetKeys.IsValidId(id) || number < 1)
        {
            return (null, [new SpecError("dataset", $"there is no dataset '{id}' version {number}")]);
        }

        var version = await grains.GetGrain<IDatasetVersionGrain>(DatasetKeys.Version(id, number)).GetAsync().WaitAsync(cancellationToken);
        if (version is null)
        {
            return (null, [new SpecError("dataset", $"there is no dataset '{id}' version {number}")]);
        }

        if (version.Roles is not { } roles)
        {
            return (null, [new SpecError("dataset", $"dataset '{id}' version {number} has no confirmed roles; name its target first (PUT .../versions/{number}/roles)")]);
        }

        var (table, problems) = await ReadTableAsync(id, number, version.Profile, roles, version.Upload, use.Task, use.Seed, cancellationToken, use.Series);
        return (table, [.. problems.Select(p => new SpecError("dataset", $"dataset '{id}' version {number} cannot run as a scenario: {p}"))]);
    }

    /// <summary>
    /// The table of a version's stored rows (<paramref name="upload"/>, profiled as <paramref name="profile"/>) with its
    /// confirmed <paramref name="roles"/>, or what stops it from running as a scenario. Reads the store only, so the release
    /// benchmark times exactly what a process pays to load a scenario's dataset.
    /// </summary>
    public async Task<(DatasetTable? Table, IReadOnlyList<string> Problems)> ReadTableAsync(string datasetId, int version, DatasetProfile profile,
        DatasetRoles roles, Guid upload, ScenarioTask? task, ulong seed, CancellationToken cancellationToken, string? series = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(roles);
        var columns = profile.Columns.Select(c => new DatasetColumnInfo(c.Name, KindOf(c.Type))).ToList();
        var builder = new DatasetTableBuilder(datasetId, version, columns, roles.Target, roles.IdColumn, roles.TimeColumn, task, seed, series);
        await foreach (var row in ReadRowsAsync(upload, cancellationToken))
        {
            builder.Add(row);
        }

        return builder.Build();
    }

    /// <summary>Stores the reference models' predictions for every row of <paramref name="table"/> and returns the key they are kept under.</summary>
    public async Task<Guid> SaveReferencesAsync(DatasetTable table, ConceptOutput[] oracle, ConceptOutput[] stale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.WithReferences(oracle, stale); // checks the lengths before anything is stored
        var upload = await store.BeginAsync(table.DatasetId, cancellationToken);
        var done = false;
        try
        {
            var chunks = new ChunkWriter();
            var fields = new string[6];
            for (var row = 0; row < table.RowCount; row++)
            {
                Fill(fields, 0, oracle[row]);
                Fill(fields, 3, stale[row]);
                if (chunks.Add(fields) is { } full)
                {
                    await store.AppendAsync(upload, full, cancellationToken);
                }
            }

            if (chunks.Flush() is { } last)
            {
                await store.AppendAsync(upload, last, cancellationToken);
            }

            await store.SealAsync(upload, cancellationToken);
            done = true;
            return upload;
        }
        finally
        {
            if (!done)
            {
                await store.DiscardAsync(upload, CancellationToken.None);
            }
        }
    }

    /// <summary>The table with the reference predictions stored under <paramref name="references"/>.</summary>
    public async Task<DatasetTable> LoadReferencesAsync(DatasetTable table, Guid references, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var oracle = new ConceptOutput[table.RowCount];
        var stale = new ConceptOutput[table.RowCount];
        var row = 0;
        await foreach (var fields in ReadRowsAsync(references, cancellationToken))
        {
            if (row >= table.RowCount || fields.Length != 6)
            {
                throw new InvalidDataException($"The reference predictions {references} do not match dataset {table.DatasetId} v{table.Version}.");
            }

            oracle[row] = Parse(fields, 0);
            stale[row] = Parse(fields, 3);
            row++;
        }

        if (row != table.RowCount)
        {
            throw new InvalidDataException($"The reference predictions {references} hold {row} rows, not {table.RowCount}.");
        }

        return table.WithReferences(oracle, stale);
    }

    private async IAsyncEnumerable<string[]> ReadRowsAsync(Guid upload, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in store.ReadAsync(upload, 0, cancellationToken))
        {
            // Chunks end at row ends, so each parses on its own.
            using var reader = new StreamReader(new MemoryStream(chunk.Data.ToArray()), Encoding.UTF8);
            using var parser = new CsvParser(reader, Csv);
            while (await parser.ReadAsync())
            {
                yield return parser.Record ?? [];
            }
        }
    }

    private static void Fill(string[] fields, int at, ConceptOutput output)
    {
        fields[at] = output.Value.ToString("R", CultureInfo.InvariantCulture);
        fields[at + 1] = output.Class.ToString(CultureInfo.InvariantCulture);
        fields[at + 2] = output.Probability.ToString("R", CultureInfo.InvariantCulture);
    }

    private static ConceptOutput Parse(string[] fields, int at) => new(
        double.Parse(fields[at], NumberStyles.Float, CultureInfo.InvariantCulture),
        int.Parse(fields[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture),
        double.Parse(fields[at + 2], NumberStyles.Float, CultureInfo.InvariantCulture));

    private static DatasetColumnKind KindOf(ColumnType type) => type switch
    {
        ColumnType.Number => DatasetColumnKind.Number,
        ColumnType.Integer => DatasetColumnKind.Integer,
        ColumnType.Boolean => DatasetColumnKind.Boolean,
        ColumnType.Timestamp => DatasetColumnKind.Timestamp,
        ColumnType.Category => DatasetColumnKind.Category,
        _ => DatasetColumnKind.Text,
    };
}
