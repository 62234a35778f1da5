using PPipe.Scenarios.Output;

namespace PPipe.Scenarios.Tests.Output;

public sealed class CsvTextTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line one\nline two", "\"line one\nline two\"")]
    [InlineData("cr\r", "\"cr\r\"")]
    public void Escape_AnyField_QuotesOnlyWhenItMust(string field, string written)
    {
        var escaped = CsvText.Escape(field);

        Assert.Equal(written, escaped);
    }
}
