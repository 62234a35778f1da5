using System.Text.Json;
using PPipe.Scenarios.Spec;
using PPipe.Scenarios.Templates;

namespace PPipe.Scenarios.Tests.Spec;

public sealed class ScenarioSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(ScenarioSchema.Json).RootElement;

    [Fact]
    public void Schema_Header_IsDraft2020WithItsId()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.GetProperty("$schema").GetString());
        Assert.Equal(ScenarioSchema.Id, Schema.GetProperty("$id").GetString());
    }

    [Fact]
    public void Schema_SectionKeys_MatchWhatTheReaderAccepts()
    {
        var defs = Schema.GetProperty("$defs");
        var top = Schema.GetProperty("properties");

        Assert.Equal(Sorted(SpecKeys.Scenario), Keys(Schema));
        Assert.Equal(Sorted(SpecKeys.Forecast), Keys(top.GetProperty("forecast")));
        Assert.Equal(Sorted(SpecKeys.Releases), Keys(top.GetProperty("releases")));
        Assert.Equal(Sorted(SpecKeys.Batches), Keys(top.GetProperty("batches")));
        Assert.Equal(Sorted(SpecKeys.Late), Keys(top.GetProperty("batches").GetProperty("properties").GetProperty("late")));
        Assert.Equal(Sorted(SpecKeys.Endpoint), Keys(top.GetProperty("endpoint")));
        Assert.Equal(Sorted(SpecKeys.Slo), Keys(top.GetProperty("endpoint").GetProperty("properties").GetProperty("slo")));
        Assert.Equal(Sorted(SpecKeys.Drift), Keys(defs.GetProperty("drift")));
        Assert.Equal(Sorted(SpecKeys.Quirk), Keys(defs.GetProperty("quirk")));
        Assert.Equal(Sorted(SpecKeys.Grading), Keys(top.GetProperty("grading")));
        Assert.Equal(Sorted(SpecKeys.Levels), Keys(top.GetProperty("grading").GetProperty("properties").GetProperty("levels")));
    }

    [Fact]
    public void Schema_Enumerations_MatchTheEngine()
    {
        var top = Schema.GetProperty("properties");

        Assert.Equal(Sorted(ScenarioTemplates.Ids), Enum(top.GetProperty("template")));
        Assert.Equal(Sorted(System.Enum.GetValues<Metric>().Select(ScenarioNames.Of)), Enum(top.GetProperty("metric")));
        Assert.Equal(Sorted(System.Enum.GetValues<Channel>().Select(ScenarioNames.Of)), Enum(Schema.GetProperty("$defs").GetProperty("channel")));
        Assert.Equal(
            Sorted(System.Enum.GetValues<Criterion>().Select(ScenarioNames.Of)),
            Keys(top.GetProperty("grading").GetProperty("properties").GetProperty("criteria")));
    }

    [Theory]
    [InlineData("36h", true)]
    [InlineData("1d12h", true)]
    [InlineData("500ms", true)]
    [InlineData("1.5h", true)]
    [InlineData("28", false)]
    [InlineData("", false)]
    [InlineData("3 days", false)]
    public void SchemaDurationPattern_Text_AgreesWithTheParser(string text, bool valid)
    {
        var pattern = Schema.GetProperty("$defs").GetProperty("duration").GetProperty("pattern").GetString()!;

        var matches = System.Text.RegularExpressions.Regex.IsMatch(text, pattern, System.Text.RegularExpressions.RegexOptions.ECMAScript);

        Assert.Equal(valid, matches);
        Assert.Equal(valid, ScenarioDuration.TryParse(text, out _));
    }

    private static List<string> Keys(JsonElement section) =>
        Sorted(section.GetProperty("properties").EnumerateObject().Select(p => p.Name));

    private static List<string> Enum(JsonElement element) => Sorted(element.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));

    private static List<string> Sorted(IEnumerable<string> names) => [.. names.Order(StringComparer.Ordinal)];
}
