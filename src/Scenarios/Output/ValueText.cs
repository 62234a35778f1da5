using System.Globalization;

namespace PPipe.Scenarios.Output;

/// <summary>UTF-8 formatting of published values, shared by the CSV and JSON writers so both print the same digits.</summary>
internal static class ValueText
{
    /// <summary>Upper bound of the bytes a formatted number or timestamp takes.</summary>
    public const int MaxValueBytes = 64;

    /// <summary>The value as it will be printed: tiny values become +0 so nothing prints as "-0.00".</summary>
    public static double Number(double value, Column column) => Math.Abs(value) < column.HalfUnit ? 0.0 : value;

    public static bool TryFormatNumber(double value, Column column, Span<byte> destination, out int written) =>
        Number(value, column).TryFormat(destination, out written, column.NumberFormat, CultureInfo.InvariantCulture);

    /// <summary>Writes <c>yyyy-MM-ddTHH:mm:ssZ</c>; 20 bytes.</summary>
    public static bool TryFormatTimestamp(DateTimeOffset timestamp, Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < 20)
        {
            return false;
        }

        var utc = timestamp.UtcDateTime;
        Digits(destination, 0, utc.Year, 4);
        destination[4] = (byte)'-';
        Digits(destination, 5, utc.Month, 2);
        destination[7] = (byte)'-';
        Digits(destination, 8, utc.Day, 2);
        destination[10] = (byte)'T';
        Digits(destination, 11, utc.Hour, 2);
        destination[13] = (byte)':';
        Digits(destination, 14, utc.Minute, 2);
        destination[16] = (byte)':';
        Digits(destination, 17, utc.Second, 2);
        destination[19] = (byte)'Z';
        written = 20;
        return true;
    }

    private static void Digits(Span<byte> destination, int offset, int value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[offset + i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
