using PPipe.Scenarios.Spec;

namespace PPipe.Scenarios.Tests.Spec;

public sealed class ScenarioDurationTests
{
    [Theory]
    [InlineData("36h", 36 * 60)]
    [InlineData("7d", 7 * 24 * 60)]
    [InlineData("90m", 90)]
    [InlineData("1d12h", 36 * 60)]
    [InlineData("1d 12h", 36 * 60)]
    [InlineData("2w", 14 * 24 * 60)]
    [InlineData("1.5h", 90)]
    [InlineData(" 45m ", 45)]
    public void TryParse_DurationAsPeopleWriteIt_ReadsMinutes(string text, int minutes)
    {
        var parsed = ScenarioDuration.TryParse(text, out var value);

        Assert.True(parsed);
        Assert.Equal(TimeSpan.FromMinutes(minutes), value);
    }

    [Fact]
    public void TryParse_Milliseconds_AreNotMinutes()
    {
        Assert.True(ScenarioDuration.TryParse("500ms", out var value));

        Assert.Equal(TimeSpan.FromMilliseconds(500), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("28")]
    [InlineData("3 days")]
    [InlineData("12h1d")]
    [InlineData("1h1h")]
    [InlineData("-1d")]
    [InlineData("d")]
    [InlineData("4000d")]
    public void TryParse_NotADuration_Fails(string text)
    {
        Assert.False(ScenarioDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(36 * 60, "1d12h")]
    [InlineData(90, "1h30m")]
    [InlineData(28 * 24 * 60, "28d")]
    [InlineData(0, "0s")]
    public void Format_Minutes_GivesCanonicalText(int minutes, string expected)
    {
        Assert.Equal(expected, ScenarioDuration.Format(TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void Format_ThenParse_RoundTrips()
    {
        var value = new TimeSpan(3, 4, 5, 6, 7);

        Assert.Equal(value, ScenarioDuration.Parse(ScenarioDuration.Format(value)));
    }
}
