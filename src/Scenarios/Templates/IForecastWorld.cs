namespace PPipe.Scenarios.Templates;

/// <summary>
/// A world whose rows are time series: the generator lays rows on a grid of (series, step), with the step the
/// world's <see cref="IScenarioWorld.TimestampResolution"/>, and tells <see cref="IScenarioWorld.Sample"/> which
/// series a row belongs to (<see cref="Generation.RowSampler.Series"/>). Its target's task is
/// <see cref="ScenarioTask.Forecast"/>.
/// </summary>
internal interface IForecastWorld : IScenarioWorld
{
    /// <summary>The category feature whose value names a row's series; the world records <see cref="Generation.RowSampler.Series"/> there.</summary>
    string SeriesColumn { get; }
}
