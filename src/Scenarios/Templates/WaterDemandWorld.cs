using System.Collections.Immutable;
using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Templates;

/// <summary>
/// Hourly drinking-water demand per district of a city, a forecast world. Each district draws its own base load (by
/// its size) and grows slowly as the city does; on top, every district follows the same household day (a morning
/// peak, earlier on workdays than on weekends and public holidays, an evening peak, a night valley), and waters its
/// gardens in the evening when a hot spell comes through. The heat is shared by every district and enrollment and is
/// not published: a forecaster sees it only in the recent history. Public holidays fall on fixed scenario days, and the calendar is published with every row.
/// </summary>
internal sealed class WaterDemandWorld : IForecastWorld
{
    public static readonly WaterDemandWorld Instance = new();

    private const int District = 0;
    private const int PublicHoliday = 1;
    private const int HeatIndex = 2;

    private static readonly double[] DistrictScale = [0.75, 1.0, 1.35, 0.9, 1.15];

    /// <summary>Scenario days (from the cohort's start; negative ones fall in the first release's history) that are public holidays.</summary>
    private static readonly int[] Holidays = [-9, 9, 23];

    public string TimestampColumn => "hour_start";

    public TimeSpan TimestampResolution => TimeSpan.FromHours(1);

    public string SeriesColumn => "district";

    public ImmutableArray<ScenarioFeature> Features { get; } =
    [
        ScenarioFeature.Category("district", "Supply district; each is one series.", "north", "harbour", "old_town", "hills", "riverside"),
        ScenarioFeature.Number("public_holiday", "1 on a public holiday (known in advance from the calendar), else 0.", null, 0, 0, 1),
        ScenarioFeature.Number("heat_index", "How hot and dry the spell is, 0 to 1.", null, 2, 0, 1, hidden: true),
    ];

    public ScenarioTarget Target { get; } = new("demand_m3", ScenarioTask.Forecast, "Water drawn from the network in the hour.", "m³", 1, []);

    public ImmutableArray<ConceptEffect> Effects { get; } =
    [
        new("base", "Demand of an average hour, scaled by district size.", 0, 220),
        new("growth", "The city's growth: months since the start (negative in the history).", 0, 25),
        new("workdayMorning", "Workday morning peak around 07:00.", 0, 90),
        new("restDayMorning", "Weekend and holiday morning peak around 09:30.", 0, 75),
        new("eveningPeak", "Evening peak around 19:00.", 0, 90),
        new("nightValley", "From 00:00 to 05:00.", 0, -130),
        new("gardenWatering", "Evening garden watering, in proportion to the heat.", 0, 120),
    ];

    public double NoiseSd => 9;

    public void Sample(RowSampler row)
    {
        row.Category(District, Math.Max(0, row.Series));
        var day = (int)Math.Floor(row.Time.ElapsedDays);
        row.Number(PublicHoliday, Array.IndexOf(Holidays, day) >= 0 ? 1 : 0);
        var days = row.Time.ElapsedDays;
        var heat = 0.45
            + 0.3 * PortableMath.Sin(2 * Math.PI * (days / 9.7 + row.WorldConstant(0)))
            + 0.15 * PortableMath.Sin(2 * Math.PI * (days / 3.4 + row.WorldConstant(1)));
        row.Number(HeatIndex, Math.Round(heat, 2));
    }

    public void Evaluate(ReadOnlySpan<double> values, RowTime time, Span<double> effects)
    {
        var district = (int)values[District];
        var scale = district < DistrictScale.Length ? DistrictScale[district] : 1.0;
        var hour = time.HourOfDay;
        var restDay = time.IsWeekend || values[PublicHoliday] == 1 ? 1.0 : 0.0;
        effects[0] = scale;
        effects[1] = time.ElapsedDays / 30 * scale;
        effects[2] = Bump(hour, 7, 1.3) * (1 - restDay);
        effects[3] = Bump(hour, 9.5, 1.8) * restDay;
        effects[4] = Bump(hour, 19, 1.8);
        effects[5] = hour < 5 ? 1 : 0;
        effects[6] = Bump(hour, 20.5, 1.5) * values[HeatIndex];
    }

    /// <summary>A bell around an hour of the day, wrapping at midnight.</summary>
    private static double Bump(double hour, double center, double width)
    {
        var distance = Math.Abs(hour - center);
        distance = Math.Min(distance, 24 - distance);
        var z = distance / width;
        return PortableMath.Exp(-0.5 * z * z);
    }
}
