using System.Globalization;

namespace PPipe.Grains.Assessment;

/// <summary>
/// "1 batch", "3 batches" (<see cref="FeedbackText.Count"/>'s text) as a value that writes itself into an interpolated
/// string or a feedback buffer without a string of its own: feedback counts something in nearly every sentence, and a grade
/// is computed at every progress push.
/// </summary>
internal readonly record struct CountText(long Count, string Singular, string Plural) : ISpanFormattable
{
    public string Noun => Count == 1 ? Singular : Plural;

    public override string ToString() => Count.ToString(CultureInfo.InvariantCulture) + " " + Noun;

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        destination.TryWrite(CultureInfo.InvariantCulture, $"{Count} {Noun}", out charsWritten);
}
