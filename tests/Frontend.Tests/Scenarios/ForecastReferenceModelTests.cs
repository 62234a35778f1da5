using PPipe.Frontend.Scenarios;
using PPipe.ReferenceModels;
using PPipe.Scenarios;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Spec;
using PPipe.TestSupport;

namespace PPipe.Frontend.Tests.Scenarios;

/// <summary>
/// The reference models of a forecast over the weekly CO2 record, fitted as saving the scenario fits them: regressions
/// that see each week's step and season position, the oracle per period and the stale model on the history only.
/// </summary>
public sealed class ForecastReferenceModelTests
{
    [Fact]
    public void Co2Forecast_ReferencesSeeStepAndSeason_OracleTracksTheRisingRecord_StaleDoesNot()
    {
        var scenario = Co2Scenario();

        var table = ScenarioSpecs.ReferenceTableOf(scenario);
        var fit = ReferenceTrainer.Fit(table, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(ScenarioTask.Regression, table.Task);
        Assert.Equal(["step", "season position"], table.Features.Select(f => f.Name));
        // The record rises about 1.5 ppmv a year: a model of the history alone falls behind, the period models follow it.
        var later = Enumerable.Range(600, 256).ToArray();
        var oracleError = later.Average(r => Math.Abs(fit.Oracle[r].Value - table.Target[r]));
        var staleError = later.Average(r => Math.Abs(fit.Stale[r].Value - table.Target[r]));
        Assert.InRange(oracleError, 0, 2);
        Assert.True(staleError > 3 * oracleError, $"stale {staleError:0.00} ppmv against oracle {oracleError:0.00} ppmv");
    }

    private static Scenario Co2Scenario()
    {
        var builder = new DatasetTableBuilder("co2", 1, [new("week", DatasetColumnKind.Timestamp), new("co2", DatasetColumnKind.Number)],
            "co2", null, "week", ScenarioTask.Forecast, 1);
        foreach (var line in PublicDatasets.Co2Weekly().Split('\n').Skip(1).Where(l => l.Length > 0))
        {
            builder.Add(line.Split(','));
        }

        var (table, errors) = builder.Build();
        Assert.Empty(errors);
        var read = ScenarioSpecReader.Read(DatasetTemplates.DefaultYaml(table!), DatasetTemplates.Create(table!));
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        return read.Scenario;
    }
}
