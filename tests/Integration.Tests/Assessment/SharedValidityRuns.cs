using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Assessment;

/// <summary>
/// One platform on which the cohorts of <see cref="LineageValidityTests"/> and <see cref="ForecastAndDatasetValidityTests"/>
/// run at the same time, each scenario compressed into <see cref="ScenarioWallTime"/>; each test awaits its own cohorts'
/// settled grades and judges them.
/// </summary>
public sealed class SharedValidityRuns : IAsyncLifetime
{
    /// <summary>Wall time every scenario on this platform is compressed into.</summary>
    public static readonly TimeSpan ScenarioWallTime = TimeSpan.FromMinutes(4);

    private ValidityRun? _validity;

    /// <summary>The lineage cohorts, one per built-in template.</summary>
    public Task<CohortRun[]> Lineage { get; private set; } = null!;

    /// <summary>The forecasting template's cohort, then the dataset's.</summary>
    public Task<CohortRun[]> ForecastAndDataset { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _validity = await ValidityRun.StartAsync(ScenarioWallTime);
        try
        {
            var lineageScenarios = new List<string>();
            foreach (var (template, _) in ValidityRun.Templates)
            {
                lineageScenarios.Add(await _validity.UploadScenarioAsync(LineageValidityTests.LineageSpec(template)));
            }

            await _validity.UploadDatasetAsync(ForecastAndDatasetValidityTests.Dataset, PublicDatasets.BreastCancer(), "diagnosis");
            var overDataset = await _validity.UploadScenarioAsync(ForecastAndDatasetValidityTests.DatasetSpec);

            Lineage = Task.WhenAll(ValidityRun.Templates.Zip(lineageScenarios).Select(t =>
                _validity.RunCohortAsync("lineage-" + t.First.Template, t.Second, t.First.Length, LineageValidityTests.Namers)));
            ForecastAndDataset = Task.WhenAll(
                _validity.RunCohortAsync(ForecastAndDatasetValidityTests.Template, ForecastAndDatasetValidityTests.Template,
                    ForecastAndDatasetValidityTests.Length, RubricValidityTests.Archetypes, slowMs: ForecastAndDatasetValidityTests.SlowMs),
                _validity.RunCohortAsync(ForecastAndDatasetValidityTests.Dataset, overDataset, ForecastAndDatasetValidityTests.Length,
                    RubricValidityTests.Archetypes, slowMs: ForecastAndDatasetValidityTests.SlowMs));
        }
        catch
        {
            // The platform's process is not left running when the uploads fail.
            await _validity.DisposeAsync();
            _validity = null;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_validity is null)
        {
            return;
        }

        // The runs end before their platform does, whichever test read them; a failed run was reported by its test, so
        // its outcome is only waited for here (WhenAny does not rethrow).
        await Task.WhenAny(Task.WhenAll(Lineage, ForecastAndDataset));
        await _validity.DisposeAsync();
    }
}
