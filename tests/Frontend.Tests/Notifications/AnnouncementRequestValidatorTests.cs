using PPipe.Frontend.Notifications;
using PPipe.Grains.Interfaces.Notifications;

namespace PPipe.Frontend.Tests.Notifications;

/// <summary>The announcement checks the admin API and the monitor share.</summary>
public sealed class AnnouncementRequestValidatorTests
{
    [Fact]
    public void Validate_PaddedSubjectAndText_TrimmedAndValid()
    {
        var result = AnnouncementRequestValidator.Validate(new AnnouncementRequest("  Lab moved ", "\nThe lab is on Friday.\n"));

        Assert.True(result.IsValid);
        Assert.Equal(("Lab moved", "The lab is on Friday."), (result.Subject, result.Text));
    }

    [Fact]
    public void Validate_LengthsAtTheLimitOnceTrimmed_Valid()
    {
        var result = AnnouncementRequestValidator.Validate(new AnnouncementRequest(
            " " + new string('s', Announcement.MaxSubjectLength) + " ", new string('t', Announcement.MaxTextLength)));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_NoRequestOrBlankOrTooLong_EachFieldNamedAndNothingReturned()
    {
        var missing = AnnouncementRequestValidator.Validate(null);
        var bad = AnnouncementRequestValidator.Validate(new AnnouncementRequest(" ", new string('x', Announcement.MaxTextLength + 1)));

        Assert.Equal(["subject", "text"], missing.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("The subject is empty.", Assert.Single(bad.Errors["subject"]));
        Assert.Equal("The text is 4,001 characters; at most 4,000.", Assert.Single(bad.Errors["text"]));
        Assert.Equal((false, null, null), (bad.IsValid, bad.Subject, bad.Text));
    }
}
