using System.Globalization;
using System.Text;
using PPipe.Grains.Assessment;
using PPipe.Scenarios;

namespace PPipe.Assessment.Tests.Assessment;

/// <summary>
/// Feedback writes its most frequent figures without the custom number formats (a table of hundredths, whole tenths, counts
/// written in place, enum spellings kept): each must give exactly the text the format gives, near the roundings' edges too.
/// </summary>
public sealed class FeedbackTextTests
{
    [Fact]
    public void Quality_EveryThousandthAndHalfHundredthNeighbour_AsTheCustomFormat()
    {
        var values = new List<double> { 0, -0.0, -0.004, -0.2, 1.004, 1.005, 1.2, 99.999, double.NaN, double.PositiveInfinity, 1e-300 };
        for (var i = 0; i <= 1000; i++)
        {
            values.Add(i / 1000.0);
        }

        for (var i = 0; i < 100; i++)
        {
            var half = (i + 0.5) / 100;
            values.AddRange([half, Math.BitDecrement(half), Math.BitIncrement(half), half - 1e-9, half + 1e-9, half - 1e-12, half + 1e-12]);
        }

        foreach (var value in values)
        {
            Assert.Equal(value.ToString("0.00", CultureInfo.InvariantCulture), FeedbackText.Quality(value));
        }
    }

    [Fact]
    public void Quality_ManyRandomScores_AsTheCustomFormat()
    {
        var random = new Random(14);

        for (var i = 0; i < 200_000; i++)
        {
            var value = random.NextDouble() * 1.1 - 0.05;
            Assert.Equal(value.ToString("0.00", CultureInfo.InvariantCulture), FeedbackText.Quality(value));
        }
    }

    [Fact]
    public void Span_HoursAndDaysNearTheRoundings_AsTheCustomFormat()
    {
        var random = new Random(14);
        var spans = new List<TimeSpan> { TimeSpan.FromHours(1), TimeSpan.FromHours(1.05), TimeSpan.FromHours(23.96), TimeSpan.FromDays(1), TimeSpan.FromDays(1.04), TimeSpan.FromDays(1.05), TimeSpan.FromDays(400) };
        for (var i = 0; i < 100_000; i++)
        {
            spans.Add(TimeSpan.FromMinutes(60 + random.NextDouble() * 60 * 24 * 60));
        }

        foreach (var span in spans)
        {
            Assert.Equal(SpanAsTheFormatWritesIt(span), FeedbackText.Span(span));
        }
    }

    [Fact]
    public void Spanned_WrittenIntoAFeedbackBuffer_AsSpan()
    {
        var random = new Random(14);
        var spans = new List<TimeSpan> { TimeSpan.Zero, TimeSpan.FromMinutes(-5), TimeSpan.FromSeconds(29), TimeSpan.FromMinutes(59.6), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(-2) };
        for (var i = 0; i < 10_000; i++)
        {
            spans.Add(TimeSpan.FromMinutes(random.NextDouble() * 60 * 24 * 30));
        }

        var text = new StringBuilder();
        foreach (var span in spans)
        {
            text.Clear().Append($"within {FeedbackText.Spanned(span)}.");

            Assert.Equal($"within {FeedbackText.Span(span)}.", text.ToString());
        }
    }

    [Theory]
    [InlineData(0, "0 batches")]
    [InlineData(1, "1 batch")]
    [InlineData(12_345, "12345 batches")]
    public void Counted_InAnInterpolatedString_AsCount(long count, string expected)
    {
        var text = $"{FeedbackText.Counted(count, "batch", "batches")}";

        Assert.Equal((expected, expected), (text, FeedbackText.Count(count, "batch", "batches")));
    }

    [Fact]
    public void ScenarioNamesOf_EveryCriterion_CamelCaseOfItsName()
    {
        foreach (var criterion in Enum.GetValues<Criterion>())
        {
            var name = criterion.ToString();

            Assert.Equal(char.ToLowerInvariant(name[0]) + name[1..], ScenarioNames.Of(criterion));
        }
    }

    /// <summary>How <see cref="FeedbackText.Span"/> wrote an hour or more before it looked tenths up: the custom format.</summary>
    private static string SpanAsTheFormatWritesIt(TimeSpan span)
    {
        var (value, singular, plural) = span < TimeSpan.FromDays(1) ? (span.TotalHours, "hour", "hours") : (span.TotalDays, "day", "days");
        var rounded = Math.Round(value, 1);
        return rounded.ToString("0.#", CultureInfo.InvariantCulture) + " " + (rounded == 1 ? singular : plural);
    }
}
