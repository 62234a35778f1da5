using System.Collections.Immutable;
using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Templates;

/// <summary>
/// Metered taxi trips in a large city: the fare follows a rate card (flag drop, per km, per minute,
/// surcharges) plus noise from meter rounding and tolls. Airport trips are long and carry a flat fee;
/// rush hour slows traffic, which the per-minute charge turns into money.
/// </summary>
internal sealed class TaxiFaresWorld : IScenarioWorld
{
    public static readonly TaxiFaresWorld Instance = new();

    private const int PickupZone = 0;
    private const int DropoffZone = 1;
    private const int DistanceKm = 2;
    private const int DurationMin = 3;
    private const int PassengerCount = 4;
    private const int PaymentType = 5;

    private const int Midtown = 0;
    private const int Downtown = 1;
    private const int Jfk = 5;
    private const int Lga = 6;

    private static readonly double[] PickupWeights = [0.30, 0.22, 0.14, 0.13, 0.09, 0.07, 0.05];
    private static readonly double[] DropoffWeights = [0.28, 0.22, 0.15, 0.15, 0.10, 0.05, 0.05];
    private static readonly double[] FromAirportWeights = [0.45, 0.25, 0.12, 0.10, 0.08, 0.0, 0.0];
    private static readonly double[] PassengerWeights = [0.68, 0.16, 0.06, 0.04, 0.04, 0.02];
    private static readonly double[] PaymentWeights = [0.62, 0.18, 0.20];

    public string TimestampColumn => "pickup_at";

    public TimeSpan TimestampResolution => TimeSpan.FromSeconds(1);

    public ImmutableArray<ScenarioFeature> Features { get; } =
    [
        ScenarioFeature.Category("pickup_zone", "Zone where the trip started.", "midtown", "downtown", "uptown", "brooklyn", "queens", "jfk_airport", "lga_airport"),
        ScenarioFeature.Category("dropoff_zone", "Zone where the trip ended.", "midtown", "downtown", "uptown", "brooklyn", "queens", "jfk_airport", "lga_airport"),
        ScenarioFeature.Number("distance_km", "Metered distance.", "km", 2, 0.2, 80),
        ScenarioFeature.Number("duration_min", "Metered time from flag drop to drop-off.", "min", 1, 1, 240),
        ScenarioFeature.Number("passenger_count", "Passengers as typed by the driver.", null, 0, 1, 6),
        ScenarioFeature.Category("payment_type", "How the rider paid.", "card", "cash", "app"),
    ];

    public ScenarioTarget Target { get; } = new("fare_usd", ScenarioTask.Regression, "Metered fare before tip.", "USD", 2, []);

    public ImmutableArray<ConceptEffect> Effects { get; } =
    [
        new("base", "Flag drop charged on every trip.", 0, 3.00),
        new("perKm", "Charge per metered kilometre.", 0, 1.75),
        new("perMinute", "Charge per metered minute.", 0, 0.45),
        new("airportFee", "Flat fee when either end is an airport.", 0, 5.00),
        new("nightSurcharge", "Surcharge from 20:00 to 06:00.", 0, 1.00),
        new("rushHourSurcharge", "Surcharge on weekdays from 16:00 to 20:00.", 0, 2.50),
        new("congestionFee", "Fee when either end is in Midtown or Downtown.", 0, 0.00),
        new("groupSurcharge", "Surcharge for five or more passengers.", 0, 2.00),
    ];

    public double NoiseSd => 1.2;

    public void Sample(RowSampler row)
    {
        var pickup = row.Category(PickupZone, row.Pick(PickupWeights));
        var dropoff = row.Category(DropoffZone, row.Pick(IsAirport(pickup) ? FromAirportWeights : DropoffWeights));
        var airport = IsAirport(pickup) || IsAirport(dropoff);
        var median = airport ? 18.0 : pickup == dropoff ? 2.2 : 6.5;
        var distance = row.Number(DistanceKm, row.LogNormal(median, airport ? 0.22 : 0.45));

        var hour = row.Time.HourOfDay;
        var speedKmh = IsRushHour(hour, row.Time.IsWeekend) ? 14.0 : IsNight(hour) ? 30.0 : 21.0;
        row.Number(DurationMin, 1.5 + distance / speedKmh * 60.0 * row.LogNormal(1.0, 0.18));
        row.Number(PassengerCount, 1 + row.Pick(PassengerWeights));
        row.Category(PaymentType, row.Pick(PaymentWeights));
    }

    public void Evaluate(ReadOnlySpan<double> values, RowTime time, Span<double> effects)
    {
        var pickup = (int)values[PickupZone];
        var dropoff = (int)values[DropoffZone];
        var hour = time.HourOfDay;
        effects[0] = 1;
        effects[1] = values[DistanceKm];
        effects[2] = values[DurationMin];
        effects[3] = IsAirport(pickup) || IsAirport(dropoff) ? 1 : 0;
        effects[4] = IsNight(hour) ? 1 : 0;
        effects[5] = IsRushHour(hour, time.IsWeekend) ? 1 : 0;
        effects[6] = pickup is Midtown or Downtown || dropoff is Midtown or Downtown ? 1 : 0;
        effects[7] = values[PassengerCount] >= 5 ? 1 : 0;
    }

    private static bool IsAirport(int zone) => zone is Jfk or Lga;

    private static bool IsNight(double hour) => hour >= 20 || hour < 6;

    private static bool IsRushHour(double hour, bool weekend) => !weekend && hour >= 16 && hour < 20;
}
