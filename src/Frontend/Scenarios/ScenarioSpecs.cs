using PPipe.Grains.Client.Datasets;
using PPipe.Grains.Interfaces.Datasets;
using PPipe.Grains.Interfaces.Scenarios;
using PPipe.ReferenceModels;
using PPipe.Scenarios;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Spec;

namespace PPipe.Frontend.Scenarios;

/// <summary>
/// Reads and saves scenario specs for the admin API and the editor. A template's spec is validated by the scenario's
/// grain alone. A spec over a dataset needs the dataset's rows, which a silo does not load for a spec it is only shown:
/// here it is read against the version's table, and saving it fits the reference models, stores their predictions and
/// fixes the version's roles before the scenario's grain adds the version. Nothing is kept when any step fails.
/// Fits are CPU-bound and run one at a time per process.
/// </summary>
public sealed class ScenarioSpecs(IGrainFactory grains, DatasetScenarioSource datasets, IDatasetStore store, ILogger<ScenarioSpecs> logger)
{
    private readonly SemaphoreSlim _fitting = new(1, 1);
    private volatile LoadedTable? _last;

    /// <summary>Validates a spec as saving it would (a spec over a dataset against the dataset's rows, without references).</summary>
    public async Task<SpecReadResult> ReadAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (ScenarioSpecReader.DatasetOf(text) is not { } dataset)
        {
            return ScenarioSpecReader.Read(text);
        }

        var (table, errors) = await TableAsync(dataset, cancellationToken);
        var read = ScenarioSpecReader.Read(text, table is null ? null : DatasetTemplates.Create(table));
        // The loader says why the dataset could not be read; the reader's own "could not be read" would only repeat it.
        return table is null
            ? new SpecReadResult(null, [.. errors, .. read.Errors.Where(e => e.Path != "dataset")])
            : read;
    }

    /// <summary>The most columns a forecast's starter tries as the series column when the dataset is not one series.</summary>
    private const int MaxSeriesCandidates = 5;

    /// <summary>
    /// The default spec of a scenario over dataset version <paramref name="reference"/> (<c>{id}:{version}</c>), sized to its
    /// rows, for the editor to start from; or why there is none. A <paramref name="forecast"/> starter is sized to the
    /// dataset's steps: one series, or, when several rows share a time, series told apart by the first category column (of
    /// up to <see cref="MaxSeriesCandidates"/>) that gives every series one row at every step.
    /// </summary>
    public async Task<(string? Text, string? Problem)> DatasetStarterAsync(string reference, CancellationToken cancellationToken, bool forecast = false)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var parts = reference.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            return (null, $"'{reference}' does not name a dataset version; start from a dataset's version page.");
        }

        var dataset = new DatasetSpec { Id = parts[0], Version = version };
        var (table, errors) = await TableAsync(new DatasetUse(dataset, forecast ? ScenarioTask.Forecast : null, 1), cancellationToken);
        if (table is null && forecast && DatasetKeys.IsValidId(parts[0]) && version >= 1
            && await grains.GetGrain<IDatasetVersionGrain>(DatasetKeys.Version(parts[0], version)).GetAsync() is { Roles: { TimeColumn: { } timeColumn } roles } stored)
        {
            // Each try reads every row again, so columns whose exact counts cannot fill the grid are not tried.
            var times = stored.Profile.Columns.First(c => c.Name == timeColumn);
            var candidates = stored.Profile.Columns
                .Where(c => c.Type is ColumnType.Category or ColumnType.Text or ColumnType.Integer or ColumnType.Boolean)
                .Where(c => c.Name != roles.Target && c.Name != roles.IdColumn && c.Name != roles.TimeColumn)
                .Where(c => !(c.DistinctExact && times.DistinctExact) || c.Distinct * times.Distinct == stored.Profile.Rows)
                .Select(c => c.Name)
                .Take(MaxSeriesCandidates);
            foreach (var series in candidates)
            {
                if ((await TableAsync(new DatasetUse(dataset, ScenarioTask.Forecast, 1, series), cancellationToken)).Table is { } grid)
                {
                    table = grid;
                    break;
                }
            }
        }

        return table is null
            ? (null, string.Join(" ", errors.Select(e => char.ToUpperInvariant(e.Message[0]) + e.Message[1..] + ".")))
            : (DatasetTemplates.DefaultYaml(table), null);
    }

    /// <summary>Adds the next version of scenario <paramref name="id"/>, or returns every problem.</summary>
    public async Task<ScenarioVersionResult> AddVersionAsync(string id, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var grain = grains.GetGrain<IScenarioGrain>(id);
        if (ScenarioSpecReader.DatasetOf(text) is not { } named)
        {
            return await grain.AddVersionAsync(text);
        }

        var version = named.Dataset.Id is { } datasetId && DatasetKeys.IsValidId(datasetId) && named.Dataset.Version is >= 1
            ? grains.GetGrain<IDatasetVersionGrain>(DatasetKeys.Version(datasetId, named.Dataset.Version.Value))
            : null;
        var roles = version is null ? null : (await version.GetAsync())?.Roles;
        _last = null; // saving reads the rows afresh, with the roles as they are now
        var read = await ReadAsync(text, cancellationToken);
        if (!read.IsValid || version is null)
        {
            return Refused(read.Errors);
        }

        var scenario = read.Scenario;
        var table = scenario.Dataset!;
        await _fitting.WaitAsync(cancellationToken);
        ReferenceFit fit;
        try
        {
            fit = await Task.Run(() => ReferenceTrainer.Fit(ReferenceTableOf(scenario), cancellationToken), cancellationToken);
        }
        finally
        {
            _fitting.Release();
        }

        var references = await datasets.SaveReferencesAsync(table, fit.Oracle, fit.Stale, cancellationToken);
        var added = false;
        try
        {
            // Fixing the roles first means no one can change what the rows and references were built from once the version exists.
            if (await version.UseAsync($"scenario {id}") != roles)
            {
                return Refused([new SpecError("dataset", $"the roles of dataset '{table.DatasetId}' version {table.Version} changed while the scenario was being saved; save it again")]);
            }

            var result = await grain.AddDatasetVersionAsync(text, scenario.Title, references);
            if (result.Version is { } number)
            {
                added = true;
                logger.LogInformation("Scenario {Scenario} v{Version} runs over dataset {Dataset} v{DatasetVersion} with references {References}: {Models}",
                    id, number, table.DatasetId, table.Version, references, string.Join("; ", fit.Models.Select(m => $"{m.Name}: {m.TrainingRows} rows, quality {m.Quality:0.###}")));
            }

            return result;
        }
        finally
        {
            if (!added)
            {
                await store.DiscardAsync(references, CancellationToken.None);
            }
        }
    }

    private static ScenarioVersionResult Refused(IEnumerable<SpecError> errors) =>
        new(null, [.. errors.Select(e => new ScenarioSpecProblem(e.Path, e.Message))]);

    /// <summary>
    /// What the reference models of <paramref name="scenario"/> are fitted on: its table's columns, periods and stale rows. A
    /// forecast's are regressions that also see each cell's step and its position in the season, so they learn the level,
    /// the trend and the seasonal shape of each series (without lags, so a cell's prediction does not depend on where a
    /// forecast starts from).
    /// </summary>
    public static ReferenceTable ReferenceTableOf(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var table = scenario.Dataset ?? throw new ArgumentException("The scenario does not run over a dataset.", nameof(scenario));
        var plan = DatasetReferencePlan.For(scenario);
        List<ReferenceColumn> features = [.. table.Features.Select((f, i) => new ReferenceColumn(f.Name, f.Kind == FeatureKind.Category, table.ColumnOf(i)))];
        if (table.Grid is { } grid && scenario.Forecast is { } forecast)
        {
            var steps = new double[table.RowCount];
            var positions = new double[table.RowCount];
            for (var row = 0; row < table.RowCount; row++)
            {
                steps[row] = grid.StepOf(row);
                positions[row] = grid.StepOf(row) % forecast.Season;
            }

            features.Add(new ReferenceColumn("step", false, steps));
            features.Add(new ReferenceColumn("season position", false, positions));
        }

        return new ReferenceTable
        {
            Task = table.Task == ScenarioTask.Forecast ? ScenarioTask.Regression : table.Task,
            ClassCount = table.Target.IsNumeric ? 0 : table.Target.Classes.Length,
            Features = features,
            Target = table.TargetColumn(),
            Period = plan.Period,
            StaleTraining = plan.StaleTraining,
            Seed = scenario.Seed,
        };
    }

    private async Task<(DatasetTable? Table, IReadOnlyList<SpecError> Errors)> TableAsync(
        DatasetUse dataset, CancellationToken cancellationToken)
    {
        // The editor validates the same spec again and again: the last table read is kept (versions never change).
        var key = dataset;
        if (_last is { } last && last.Key == key)
        {
            return (last.Table, []);
        }

        var (table, errors) = await datasets.LoadTableAsync(dataset, cancellationToken);
        if (table is not null)
        {
            _last = new LoadedTable(key, table);
        }

        return (table, errors);
    }

    private sealed record LoadedTable(DatasetUse Key, DatasetTable Table);
}
