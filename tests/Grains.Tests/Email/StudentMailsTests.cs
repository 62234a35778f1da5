using PPipe.Grains.Email;

namespace PPipe.Grains.Tests.Email;

public sealed class StudentMailsTests
{
    [Fact]
    public void JoinConfirmation_CourseNameWithMarkup_EscapedInTheHtmlPartAndTheLinkInBoth()
    {
        var link = new Uri("https://ppipe.test/join/confirm?t=abc");

        var mail = StudentMails.JoinConfirmation("ana@example.edu", "Ana <Lima>", new StudentMails.Course("<b>MLOps & Co</b>", link), TimeSpan.FromHours(24));

        Assert.Contains("&lt;b&gt;MLOps &amp; Co&lt;/b&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Hello Ana &lt;Lima&gt;,", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{link.AbsoluteUri}\">", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(link.AbsoluteUri, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("within 24 hours", mail.TextBody, StringComparison.Ordinal);
        Assert.True(mail.Transactional);
    }

    [Theory]
    [InlineData(15, "15 minutes")]
    [InlineData(60, "1 hour")]
    [InlineData(24 * 60, "24 hours")]
    [InlineData(3 * 24 * 60, "3 days")]
    [InlineData(1, "1 minute")]
    public void Duration_CommonLifetimes_ReadAsWords(int minutes, string expected) =>
        Assert.Equal(expected, StudentMails.Duration(TimeSpan.FromMinutes(minutes)));
}
