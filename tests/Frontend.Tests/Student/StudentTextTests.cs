using PPipe.Frontend.Components.Pages.Student;

namespace PPipe.Frontend.Tests.Student;

public sealed class StudentTextTests
{
    [Theory]
    [InlineData(0.2, "00:00:01")]
    [InlineData(59, "00:00:59")]
    [InlineData(3_723, "01:02:03")]
    [InlineData(93_784, "1d 02:03:04")]
    [InlineData(-5, "00:00:00")]
    public void Countdown_TimeLeft_RoundsUpToTheSecondWithDaysWhenLong(double seconds, string expected)
    {
        var text = StudentText.Countdown(TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(3 * 24 * 60, "3d")]
    [InlineData(90, "1h 30 min")]
    [InlineData(0.5, "30 s")]
    public void Duration_Span_InTheLargestExactUnits(double minutes, string expected)
    {
        var text = StudentText.Duration(TimeSpan.FromMinutes(minutes));

        Assert.Equal(expected, text);
    }
}
