using System.Globalization;
using System.Text;

namespace PPipe.Datasets.Bench;

/// <summary>
/// A customer-churn-like CSV generated from a fixed seed: 20 columns (an id, a recorded time in order, four categories,
/// a boolean, twelve numbers with a few missing values, and a boolean target), as an instructor might upload it.
/// </summary>
internal static class BenchDataset
{
    public const string Target = "churned";
    public const string IdColumn = "customer_id";
    public const string TimeColumn = "recorded_at";

    /// <summary>A feature the drifting release shifts (covariate shift re-weights draws by it).</summary>
    public const string ShiftedFeature = "tenure_months";

    private static readonly string[] Regions = ["north", "south", "east", "west", "centre", "coast"];
    private static readonly string[] Plans = ["basic", "standard", "premium", "family"];
    private static readonly string[] Channels = ["web", "store", "phone"];

    /// <summary>The file's bytes: a header and <paramref name="rows"/> rows.</summary>
    public static byte[] Csv(int rows)
    {
        var random = new Random(16);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var text = new StringBuilder(rows * 130);
        text.Append("customer_id,recorded_at,region,plan,channel,segment,promo,tenure_months,monthly_fee,usage_hours,data_gb,support_calls,")
            .Append("late_payments,discount_pct,satisfaction,age,household,devices,last_login_days,churned\n");
        var invariant = CultureInfo.InvariantCulture;
        for (var row = 0; row < rows; row++)
        {
            var tenure = random.Next(0, 121);
            var calls = random.Next(0, 11);
            var satisfaction = random.NextDouble() < 0.03 ? "" : (1 + random.NextDouble() * 4).ToString("F1", invariant);
            var lastLogin = random.NextDouble() < 0.02 ? "" : random.Next(0, 366).ToString(invariant);
            var churned = random.NextDouble() < 0.15 + 0.03 * calls - 0.001 * tenure;
            text.Append(invariant, $"{100_000 + row},{start.AddMinutes(row * 3):yyyy-MM-ddTHH:mm:ssZ},{Regions[random.Next(Regions.Length)]},")
                .Append(invariant, $"{Plans[random.Next(Plans.Length)]},{Channels[random.Next(Channels.Length)]},s{random.Next(1, 13):D2},")
                .Append(invariant, $"{(random.Next(5) == 0 ? "true" : "false")},{tenure},{10 + random.NextDouble() * 90:F2},")
                .Append(invariant, $"{random.NextDouble() * 200:F1},{random.NextDouble() * 50:F2},{calls},{random.Next(0, 6)},{random.Next(0, 31)},")
                .Append(invariant, $"{satisfaction},{random.Next(18, 91)},{random.Next(1, 7)},{random.Next(1, 9)},{lastLogin},")
                .Append(churned ? "true" : "false")
                .Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
