using System.Collections.Immutable;
using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Templates;

/// <summary>
/// Electricity demand per grid region in 15-minute intervals. Demand follows the clock (a morning and an
/// evening peak on workdays, a night valley), the weather (heating below 15 °C, cooling above 22 °C) and
/// the working week (industry runs on weekdays). Weather comes in fronts shared by every region and
/// enrollment. Rooftop solar quietly eats into demand on sunny days — the irradiance that explains it is
/// hidden until a weather feed adds it.
/// </summary>
internal sealed class EnergyDemandWorld : IScenarioWorld
{
    public static readonly EnergyDemandWorld Instance = new();

    private const int Region = 0;
    private const int TemperatureC = 1;
    private const int WindKmh = 2;
    private const int CloudCoverPct = 3;
    private const int SolarIrradiance = 4;

    private static readonly double[] RegionScale = [0.8, 1.15, 1.0, 0.9, 1.3];
    private static readonly double[] RegionClimate = [-3, 3, 0, 1, 0.5];

    public string TimestampColumn => "interval_start";

    public TimeSpan TimestampResolution => TimeSpan.FromMinutes(15);

    public ImmutableArray<ScenarioFeature> Features { get; } =
    [
        ScenarioFeature.Category("region", "Grid region.", "north", "south", "east", "west", "central"),
        ScenarioFeature.Number("temperature_c", "Air temperature at the region's reference station.", "°C", 1, -40, 50),
        ScenarioFeature.Number("wind_kmh", "Wind speed.", "km/h", 1, 0, 150),
        ScenarioFeature.Number("cloud_cover_pct", "Cloud cover.", "%", 0, 0, 100),
        ScenarioFeature.Number("solar_irradiance_wm2", "Global horizontal irradiance.", "W/m²", 0, 0, 1200, hidden: true),
    ];

    public ScenarioTarget Target { get; } = new("demand_mw", ScenarioTask.Regression, "Average net demand drawn from the grid in the interval.", "MW", 1, []);

    public ImmutableArray<ConceptEffect> Effects { get; } =
    [
        new("base", "Demand of an average interval, scaled by region size.", 0, 420),
        new("heating", "Degrees below 15 °C.", 0, 11),
        new("cooling", "Degrees above 22 °C.", 0, 16),
        new("morningPeak", "Workday morning peak around 08:00.", 0, 85),
        new("eveningPeak", "Evening peak around 19:00.", 0, 120),
        new("weekendDip", "Saturdays and Sundays.", 0, -55),
        new("industrialLoad", "Workdays from 07:00 to 18:00.", 0, 70),
        new("rooftopSolar", "Irradiance in kW/m² (rooftop panels offset demand).", 0, -90),
        new("nightValley", "From 00:00 to 05:00.", 0, -60),
    ];

    public double NoiseSd => 10;

    public void Sample(RowSampler row)
    {
        var region = row.Category(Region, row.Pick([1.0, 1.0, 1.0, 1.0, 1.0]));
        var days = row.Time.ElapsedDays;
        var hour = row.Time.HourOfDay;
        var weather = 2.5 * PortableMath.Sin(2 * Math.PI * (days / 5.3 + row.WorldConstant(0)))
            + 1.5 * PortableMath.Sin(2 * Math.PI * (days / 2.1 + row.WorldConstant(1)))
            + 1.0 * PortableMath.Sin(2 * Math.PI * (days / 11.0 + row.WorldConstant(2)));
        var climate = region < RegionClimate.Length ? RegionClimate[region] : 0;
        row.Number(TemperatureC, 17 + climate + 4 * PortableMath.Sin(2 * Math.PI * (hour - 9) / 24) + weather + row.Normal(0, 0.8));
        row.Number(WindKmh, row.LogNormal(13, 0.5) * (1 + 0.3 * PortableMath.Sin(2 * Math.PI * (days / 5.3 + row.WorldConstant(0)))));
        var cloud = row.Number(CloudCoverPct, Math.Round(50 + 35 * PortableMath.Sin(2 * Math.PI * (days / 3.7 + row.WorldConstant(3))) + row.Normal(0, 15)));
        var daylight = Math.Max(0, PortableMath.Sin(Math.PI * (hour - 6) / 12));
        row.Number(SolarIrradiance, Math.Round(850 * daylight * (1 - 0.75 * cloud / 100)));
    }

    public void Evaluate(ReadOnlySpan<double> values, RowTime time, Span<double> effects)
    {
        var region = (int)values[Region];
        var scale = region < RegionScale.Length ? RegionScale[region] : 1.0;
        var hour = time.HourOfDay;
        var workday = time.IsWeekend ? 0.0 : 1.0;
        var temperature = values[TemperatureC];
        effects[0] = scale;
        effects[1] = Math.Max(0, 15 - temperature) * scale;
        effects[2] = Math.Max(0, temperature - 22) * scale;
        effects[3] = Bump(hour, 8, 1.5) * workday * scale;
        effects[4] = Bump(hour, 19, 2) * scale;
        effects[5] = (1 - workday) * scale;
        effects[6] = workday * (hour >= 7 && hour < 18 ? 1 : 0) * scale;
        effects[7] = values[SolarIrradiance] / 1000 * scale;
        effects[8] = (hour < 5 ? 1 : 0) * scale;
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
