using System.Globalization;

namespace PPipe.Scenarios.Datasets;

/// <summary>
/// How a dataset's values are read as text, alike when a file is profiled on upload and when a scenario builds its table
/// from the stored rows: what counts as missing, as a number and as a time.
/// </summary>
public static class DatasetValueText
{
    private static readonly string[] IsoTimes =
        ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"];

    /// <summary>Empty or blank, <c>NA</c>, <c>N/A</c>, <c>NaN</c>, <c>nan</c>, <c>null</c>, <c>NULL</c>, <c>None</c>.</summary>
    public static bool IsMissing(string value) =>
        value.Length == 0 || value is "NA" or "N/A" or "NaN" or "nan" or "null" or "NULL" or "None" || string.IsNullOrWhiteSpace(value);

    /// <summary>
    /// Whether a value can be a number at all, judged from its first character, so text and times skip the parser
    /// (it accepts leading white space, a sign, a point, digits, and "Infinity"/"NaN", which are not finite anyway).
    /// </summary>
    public static bool MayBeNumber(string value) => value.Length > 0 && value[0] is (>= '0' and <= '9') or '-' or '+' or '.' or ' ' or '\t';

    /// <summary>A finite number, and whether it is written as an integer (the cheaper parse, tried first).</summary>
    public static bool TryParseNumber(string value, out double number, out bool integer)
    {
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            (number, integer) = (whole, true);
            return true;
        }

        integer = false;
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
    }

    /// <summary>Times have a date separator or a clock: plain numbers never count as times.</summary>
    public static bool LooksLikeTime(string value) => value.AsSpan().IndexOfAny('-', '/', ':') > 0;

    /// <summary>ISO 8601 first (the common, cheap case), then the invariant culture's other forms; UTC unless the value says otherwise.</summary>
    public static bool TryParseTime(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, IsoTimes, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time)
        || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out time);
}
