using System.Globalization;
using System.Text;

namespace PPipe.Datasets.Bench;

/// <summary>
/// An hourly store-demand record generated from a fixed seed, as an instructor might upload one for a forecast: every
/// store at every hour, in time order (an ISO time, the store, three numeric exogenous columns — temperature, price and
/// footfall — and the demand, which follows each store's level with a trend, a daily and a weekly season, the price and
/// noise).
/// </summary>
internal static class BenchSeries
{
    public const string Target = "demand";
    public const string TimeColumn = "at";
    public const string SeriesColumn = "store";

    /// <summary>The recorded time of the first step; the steps are an hour apart.</summary>
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The file's bytes: a header and a row for each of <paramref name="series"/> stores at each of
    /// <paramref name="steps"/> hours.</summary>
    public static byte[] Csv(int series, int steps)
    {
        var random = new Random(16);
        var levels = Enumerable.Range(0, series).Select(_ => 50 + random.NextDouble() * 450).ToArray();
        var prices = Enumerable.Range(0, series).Select(_ => 2 + random.NextDouble() * 3).ToArray();
        var text = new StringBuilder(series * steps * 60);
        text.Append("at,store,temperature,price,footfall,demand\n");
        var invariant = CultureInfo.InvariantCulture;
        for (var step = 0; step < steps; step++)
        {
            var day = step / 24.0;
            var daily = Math.Sin(2 * Math.PI * ((step % 24) - 9) / 24);
            var weekly = (step / 24 % 7) is 5 or 6 ? 0.25 : 0;
            var weather = 8 + 6 * daily + 4 * Math.Sin(2 * Math.PI * day / 30) + random.NextDouble() * 2;
            var at = Start.AddHours(step).ToString("yyyy-MM-ddTHH:mm:ssZ", invariant);
            for (var s = 0; s < series; s++)
            {
                var promotion = random.Next(10) == 0;
                var price = prices[s] * (promotion ? 0.8 : 1);
                var temperature = weather + random.NextDouble() - 0.5;
                var footfall = Math.Max(0, (int)(levels[s] / 5 * (1.2 + daily + weekly) + random.Next(-10, 11)));
                var demand = Math.Max(0, levels[s] * (1 + 0.004 * day) * (1 + 0.4 * daily + weekly) * (promotion ? 1.3 : 1)
                    + 0.5 * temperature + levels[s] * 0.05 * (random.NextDouble() * 2 - 1));
                text.Append(invariant, $"{at},store-{s:D3},{temperature:F1},{price:F2},{footfall},{demand:F2}\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
