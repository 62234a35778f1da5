using System.Globalization;

namespace PPipe.Grains.Assessment;

/// <summary>
/// "40 minutes", "5.5 hours", "2.5 days" (<see cref="FeedbackText.Span"/>'s text) as a value that writes itself into an
/// interpolated string or a feedback buffer without a string of its own: monitoring names a span in most of its sentences,
/// and a grade is computed at every progress push.
/// </summary>
internal readonly record struct SpanText(TimeSpan Span) : ISpanFormattable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public override string ToString() => string.Create(Invariant, $"{this}");

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (Span < TimeSpan.FromHours(1))
        {
            return FeedbackText.Counted(Math.Max(1, (int)Math.Round(Span.TotalMinutes)), "minute", "minutes").TryFormat(destination, out charsWritten, format, provider);
        }

        var (value, singular, plural) = Span < TimeSpan.FromDays(1) ? (Span.TotalHours, "hour", "hours") : (Span.TotalDays, "day", "days");
        var rounded = Math.Round(value, 1);
        var noun = rounded == 1 ? singular : plural;
        // A value rounded to tenths is written as its whole tenths, as the custom format writes them: the custom format takes
        // longer than the rest of a sentence. Negative ones (including -0, written "-0") are formatted.
        var tenths = Math.Round(rounded * 10);
        if (!double.IsNegative(rounded) && tenths < int.MaxValue && Math.Abs(rounded * 10 - tenths) < 1e-6)
        {
            var (whole, tenth) = Math.DivRem((int)tenths, 10);
            return tenth == 0
                ? destination.TryWrite(Invariant, $"{whole} {noun}", out charsWritten)
                : destination.TryWrite(Invariant, $"{whole}.{tenth} {noun}", out charsWritten);
        }

        return destination.TryWrite(Invariant, $"{rounded:0.#} {noun}", out charsWritten);
    }
}
