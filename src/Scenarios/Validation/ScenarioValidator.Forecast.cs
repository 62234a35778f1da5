using System.Collections.Immutable;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Templates;

namespace PPipe.Scenarios.Validation;

/// <summary>
/// The <c>forecast</c> section, and what a forecast task asks of the rest of the spec: rows follow from the series and the
/// step (so <c>rows</c> is not written), release windows are whole steps, and no batch takes work once a release has
/// published the values it asks for.
/// </summary>
internal sealed partial class ScenarioValidator
{
    public const int MaxHorizon = 1_000;
    public const int MaxSeason = 10_000;

    private ForecastPlan? CheckForecast(ScenarioTask? task)
    {
        var forecast = spec.Forecast;
        if (task != ScenarioTask.Forecast)
        {
            if (forecast is not null && task is not null)
            {
                Error("forecast", $"only a forecast task takes forecast settings, and this one is {ScenarioNames.Of(task.Value)}; remove forecast");
            }

            return null;
        }

        forecast ??= new Spec.ForecastSpec();
        var seriesKnown = false;
        string? series = null;
        ImmutableArray<string> names = [];
        TimeSpan? step = null;
        if (template?.World is DatasetWorld { Table.Grid: { } grid })
        {
            // The table was laid out by the series the spec names, so they agree unless the defaults were edited by hand.
            if (forecast.Series != grid.SeriesColumn)
            {
                Error("forecast.series", $"'{forecast.Series}' does not name the series the dataset was read with ({grid.SeriesColumn ?? "none"})");
            }
            else
            {
                (seriesKnown, series, names) = (true, grid.SeriesColumn, grid.Series);
            }

            step = Positive("forecast.step", forecast.Step, "how much scenario time each recorded step of the dataset takes, e.g. 1h");
        }
        else if (template?.World is IForecastWorld world)
        {
            if (forecast.Series is null)
            {
                Error("forecast.series", $"required: the column that names each series ({world.SeriesColumn})");
            }
            else if (forecast.Series != world.SeriesColumn)
            {
                Error("forecast.series", $"'{forecast.Series}' is not the series column of {template!.Id}; remove series or set it to {world.SeriesColumn}");
            }
            else
            {
                (seriesKnown, series, names) = (true, forecast.Series, world.Features.First(f => f.Name == forecast.Series).Categories);
            }

            step = world.TimestampResolution;
            if (forecast.Step is { } written && Positive("forecast.step", written) is { } asked && asked != step)
            {
                Error("forecast.step", $"{written} is not the step of {template!.Id}, whose rows are {Format(world.TimestampResolution)} apart; remove step");
            }
        }
        else
        {
            // No template, or one that is no forecast: the template or task error already says what to change.
            return null;
        }

        var horizon = forecast.Horizon;
        if (horizon is null)
        {
            Error("forecast.horizon", "required: how many steps ahead each batch asks for, e.g. 24");
        }
        else if (horizon is < 1 or > MaxHorizon)
        {
            Error("forecast.horizon", $"{horizon} must be between 1 and {MaxHorizon} steps");
            horizon = null;
        }

        var season = forecast.Season;
        if (season is null)
        {
            Error("forecast.season", "required: the season length in steps that MASE compares with, e.g. 24 for a daily cycle of hours");
        }
        else if (season is < 1 or > MaxSeason)
        {
            Error("forecast.season", $"{season} must be between 1 and {MaxSeason} steps");
            season = null;
        }

        var history = Positive("forecast.history", forecast.History, "how much history the first release carries, e.g. 14d");
        if (!seriesKnown || horizon is null || season is null || history is null || step is null)
        {
            return null;
        }

        var plan = new ForecastPlan(series, names, step.Value, horizon.Value, season.Value, history.Value);
        if (history.Value.Ticks % step.Value.Ticks != 0)
        {
            Error("forecast.history", $"{forecast.History} is not a whole number of steps of {Format(step.Value)}");
            return null;
        }

        if (plan.StepsIn(history.Value) < season.Value + 1)
        {
            Error("forecast.history", $"{forecast.History} holds {plan.StepsIn(history.Value)} steps; MASE's scale needs at least one season and one step ({Format(step.Value * (season.Value + 1))})");
            return null;
        }

        return plan;
    }

    /// <summary>The rows of each release of a forecast: every series at every step of the cadence (release 1 also
    /// the history before it); null after reporting why not.</summary>
    private (int Rows, int HistoryRows)? ForecastReleaseRows(ForecastPlan forecast, TimeSpan cadence)
    {
        if (spec.Releases?.Rows is not null)
        {
            Error("releases.rows", $"a forecast's releases hold every series at every step of their window ({forecast.Series.Length} series); remove rows");
            return null;
        }

        if (cadence.Ticks % forecast.Step.Ticks != 0)
        {
            Error("releases.cadence", $"{Format(cadence)} is not a whole number of steps of {Format(forecast.Step)}; a forecast's releases hold whole steps");
            return null;
        }

        var rows = (long)forecast.Series.Length * forecast.StepsIn(cadence);
        var historyRows = (long)forecast.Series.Length * forecast.StepsIn(forecast.History);
        if (rows + historyRows > MaxRowsPerRelease)
        {
            Error("forecast.history", $"{Format(forecast.History)} of history makes release 1 hold {rows + historyRows} rows; at most {MaxRowsPerRelease} fit in one release");
            return null;
        }

        return ((int)rows, (int)historyRows);
    }

    /// <summary>The rows of each batch of a forecast: every series at every step of the horizon; null after reporting why not.</summary>
    private int? ForecastBatchRows(ForecastPlan forecast)
    {
        if (spec.Batches?.Rows is not null)
        {
            Error("batches.rows", $"a forecast's batches ask for every series at each of the {forecast.Horizon} steps of the horizon; remove rows");
            return null;
        }

        var rows = (long)forecast.Series.Length * forecast.Horizon;
        if (rows > MaxRowsPerBatch)
        {
            Error("forecast.horizon", $"{forecast.Horizon} steps for {forecast.Series.Length} series make {rows} rows a batch; at most {MaxRowsPerBatch} fit");
            return null;
        }

        return (int)rows;
    }

    /// <summary>
    /// A forecast batch asks for values that a later release publishes: the first of them comes with the release after
    /// the batch's origin. Every batch must open after the first release (it needs history) and stop taking work, late
    /// work included, by the time that next release is published, or its answers could be copied from it.
    /// </summary>
    private void CheckForecastBatches(ReleasePlan releases, BatchPlan batches)
    {
        var count = batches.CountWithin(_duration);
        if (count > 0 && batches.OpensAt(1) < releases.First)
        {
            Error("batches.first", $"batch 1 opens at {Format(batches.OpensAt(1))}, before the first release ({Format(releases.First)}); a forecast needs history first");
            return;
        }

        for (var seq = 1; seq <= count; seq++)
        {
            var opens = batches.OpensAt(seq);
            var next = releases.TimeOf((int)((opens - releases.First).Ticks / releases.Cadence.Ticks) + 2);
            var due = batches.DueAt(seq);
            if (due > next)
            {
                Error("batches.dueAfter", $"batch {seq} is due at {Format(due)}, after release {ReleaseAt(releases, next)} publishes the first values it asks for ({Format(next)}); make dueAfter at most {Format(next - opens)}");
                return;
            }

            var lateUntil = batches.Late.Kind == LatePolicyKind.Reject ? due
                : batches.Late.Cutoff is { } cutoff ? due + cutoff
                : TimeSpan.MaxValue;
            if (lateUntil > next && next < _duration)
            {
                Error("batches.late", $"batch {seq} would take late work after release {ReleaseAt(releases, next)} publishes the values it asks for ({Format(next)}); use the reject policy or a cutoff of at most {Format(next - due)}");
                return;
            }
        }
    }

    /// <summary>
    /// Over a dataset, the scenario must not run out of recorded steps: the first release's window starts at the dataset's
    /// first step, each step takes <see cref="ForecastPlan.Step"/> of scenario time, and the last batch or probe asks for
    /// the horizon after the newest release before the end.
    /// </summary>
    private void CheckRecordedSteps(ForecastPlan forecast, ReleasePlan releases)
    {
        if (template?.World is not DatasetWorld { Table.Grid: { } grid } || ForecastPlan.OriginAt(releases, _duration) is not { } lastOrigin)
        {
            return;
        }

        var needed = (long)forecast.StepsIn(lastOrigin - releases.WindowStartOf(1)) + forecast.Horizon;
        if (needed > grid.StepCount)
        {
            var fits = releases.WindowStartOf(1) + forecast.Step * (grid.StepCount - forecast.Horizon) + releases.Lag;
            Error("forecast.step", $"at {Format(forecast.Step)} a step, {Format(forecast.History)} of history, {Format(_duration)} and a horizon of {forecast.Horizon} " +
                $"need {needed} recorded steps, and the dataset has {grid.StepCount}; give each step more time, or make duration at most about {Format(fits > TimeSpan.Zero ? fits : TimeSpan.Zero)}");
        }
    }

    private static int ReleaseAt(ReleasePlan releases, TimeSpan at) => (int)((at - releases.First).Ticks / releases.Cadence.Ticks) + 1;
}
