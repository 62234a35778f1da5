namespace PPipe.Scenarios.Tests.Generation;

/// <summary>What a student would engineer from the published columns, for the test models.</summary>
internal static class FeatureRows
{
    public static List<double[]> Taxi(Table table) =>
    [
        .. Enumerable.Range(0, table.Count).Select(i =>
        {
            var pickup = table.Category(i, "pickup_zone");
            var dropoff = table.Category(i, "dropoff_zone");
            var timestamp = TestScenarios.Start + table.Times[i];
            var hour = timestamp.Hour + timestamp.Minute / 60.0;
            var weekday = timestamp.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            var passengers = table.Value(i, "passenger_count");
            return new[]
            {
                1.0,
                table.Value(i, "distance_km"),
                table.Value(i, "duration_min"),
                pickup.EndsWith("airport", StringComparison.Ordinal) || dropoff.EndsWith("airport", StringComparison.Ordinal) ? 1 : 0,
                hour >= 20 || hour < 6 ? 1 : 0,
                weekday && hour >= 16 && hour < 20 ? 1 : 0,
                pickup is "midtown" or "downtown" || dropoff is "midtown" or "downtown" ? 1 : 0,
                passengers >= 5 ? 1 : 0,
            };
        }),
    ];

    public static List<double[]> Churn(Table table) =>
    [
        .. Enumerable.Range(0, table.Count).Select(i =>
        {
            var nps = table.Value(i, "nps_score");
            return new[]
            {
                1.0,
                table.Category(i, "contract") == "monthly" ? 1 : 0,
                table.Value(i, "tenure_months") / 12,
                table.Value(i, "monthly_charge") / 10,
                table.Value(i, "support_tickets_90d"),
                Math.Log(1 + table.Value(i, "days_since_last_login")),
                double.IsNaN(nps) ? 0.7 : nps / 10,
                table.Category(i, "payment_method") == "invoice" ? 1 : 0,
                table.Value(i, "discount_pct") / 10,
            };
        }),
    ];
}
