namespace PPipe.Scenarios.Spec;

/// <summary>
/// The shape of a forecast task: which column names the series, how many steps ahead a batch asks for
/// (<see cref="Horizon"/>), the season length in steps that MASE's seasonal-naive scale compares with
/// (<see cref="Season"/>), and how much history the first release carries (<see cref="History"/>, a duration).
/// A template's step is its timestamp resolution; over a dataset, <see cref="Step"/> says how much scenario time each
/// recorded step takes, and <see cref="Series"/> may be left out when the dataset is one series.
/// </summary>
public sealed record ForecastSpec
{
    public string? Series { get; init; }

    public int? Horizon { get; init; }

    public int? Season { get; init; }

    public string? History { get; init; }

    public string? Step { get; init; }
}
