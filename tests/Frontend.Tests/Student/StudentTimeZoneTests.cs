using PPipe.Frontend.Components.Pages.Student;

namespace PPipe.Frontend.Tests.Student;

public sealed class StudentTimeZoneTests
{
    private static readonly DateTimeOffset Midnight = new(2030, 1, 1, 0, 1, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("Nowhere/Atlantis")]
    [InlineData("../../../etc/passwd")]
    [InlineData("/etc/localtime")]
    [InlineData("Europe/Paris; DROP")]
    public void Of_UtcUnknownOrNotAZoneName_IsNoZone(string? name)
    {
        Assert.Null(StudentTimeZone.Of(name));
    }

    [Fact]
    public void Of_IanaName_ConvertsToThatZonesClock()
    {
        var zone = StudentTimeZone.Of("Asia/Kolkata")!;

        Assert.Equal("Asia/Kolkata", zone.Name);
        Assert.Equal(new DateTime(2030, 1, 1, 5, 31, 0), zone.Local(Midnight).DateTime);
    }

    [Theory]
    [InlineData("Asia/Kolkata", "2030-01-01 05:31:00 Asia/Kolkata · 00:01:00 UTC")]
    [InlineData("America/New_York", "2029-12-31 19:01:00 America/New_York · 2030-01-01 00:01:00 UTC")]
    [InlineData(null, "2030-01-01 00:01:00 UTC")]
    public void Time_InAZone_ShowsLocalTimeBesideUtcWithTheUtcDateOnlyWhenItDiffers(string? name, string expected)
    {
        var text = StudentText.Time(Midnight, StudentTimeZone.Of(name));

        Assert.Equal(expected, text);
    }

    [Fact]
    public void Time_NoInstant_IsADash()
    {
        Assert.Equal("—", StudentText.Time(null, StudentTimeZone.Of("Asia/Kolkata")));
    }
}
