using PPipe.Frontend.Components.Pages.Scenarios;
using PPipe.Grains.Interfaces.Scenarios;
using PPipe.Scenarios.Spec;

namespace PPipe.Frontend.Tests.Scenarios;

public sealed class SpecLineMapTests
{
    private const string Spec = """
        # An instructor's copy of the taxi scenario
        template: taxi-fares
        title: Taxi fares, short
        duration: 10d

        drift:
          - at: 6d
            kind: concept
            effects:
              base: 3.5
          - at: 8d
            kind: covariate
            feature: distance_km
            shift: 2
        quirks:
          - at: 0d
            kind: missingValues
            rate: 0.03
            columns: [passenger_count, distance_km]
        grading:
          levels:
            proficient: 0.5
            expert: 0.85
        """;

    [Theory]
    [InlineData("template", 2)]
    [InlineData("duration", 4)]
    [InlineData("drift", 6)]
    [InlineData("drift[0]", 7)]
    [InlineData("drift[0].at", 7)]
    [InlineData("drift[0].kind", 8)]
    [InlineData("drift[0].effects", 9)]
    [InlineData("drift[0].effects.base", 10)]
    [InlineData("drift[1]", 11)]
    [InlineData("drift[1].shift", 14)]
    [InlineData("quirks[0].rate", 18)]
    [InlineData("quirks[0].columns", 19)]
    [InlineData("quirks[0].columns[1]", 19)]
    [InlineData("grading.levels", 21)]
    [InlineData("grading.levels.expert", 23)]
    public void LineOf_PathInTheText_IsTheLineOfItsKeyOrDash(string path, int line)
    {
        var map = SpecLineMap.Of(Spec);

        Assert.Equal(line, map.LineOf(path));
    }

    [Theory]
    [InlineData("drift[0].mode", 7)]
    [InlineData("drift[0].effects.perKm", 9)]
    [InlineData("drift[5].at", 6)]
    [InlineData("grading.levels.advanced", 21)]
    [InlineData("grading.criteria.adaptation", 20)]
    [InlineData("endpoint.slo.availability", 2)]
    [InlineData("seed", 2)]
    public void LineOf_MissingPath_IsItsNearestParentsLine(string path, int line)
    {
        var map = SpecLineMap.Of(Spec);

        Assert.Equal(line, map.LineOf(path));
    }

    [Fact]
    public void RootLine_AfterCommentsAndBlankLines_IsTheFirstKey()
    {
        var map = SpecLineMap.Of("# comment\n\n# another\ntemplate: card-fraud\n");

        Assert.Equal(4, map.RootLine);
        Assert.Equal(4, map.LineOf(""));
        Assert.Null(map.SyntaxErrorLine);
    }

    [Theory]
    [InlineData("drift[0].at", "drift[0]")]
    [InlineData("drift[0]", "drift")]
    [InlineData("drift", "")]
    [InlineData("quirks[1].columns[0]", "quirks[1].columns")]
    [InlineData("grading.levels.expert", "grading.levels")]
    [InlineData("", "")]
    public void ParentOf_Path_DropsTheLastStep(string path, string parent)
    {
        Assert.Equal(parent, SpecLineMap.ParentOf(path));
    }

    [Fact]
    public void Locate_YamlSyntaxError_UsesTheLineTheReaderReports()
    {
        const string text = "template: taxi-fares\ntitle: ok\ndrift:\n  - at: 6d\n   kind: concept\n";
        var read = ScenarioSpecReader.Read(text);

        var located = SpecLineMap.Of(text).Locate(Problems(read));

        var problem = Assert.Single(located);
        Assert.Equal(5, problem.Line);
        Assert.Equal("", problem.Path);
        Assert.StartsWith("line 5, column", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_YamlSyntaxError_KeepsTheLinesReadBeforeIt()
    {
        var map = SpecLineMap.Of("template: taxi-fares\ntitle: ok\nseed: [1, 2\n");

        Assert.NotNull(map.SyntaxErrorLine);
        Assert.Equal(2, map.LineOf("title"));
    }

    [Fact]
    public void Locate_UnclosedQuoteAtTheEnd_PointsAtALineOfTheText()
    {
        const string text = "template: taxi-fares\ntitle: \"never closed\n";
        var read = ScenarioSpecReader.Read(text);

        var problem = Assert.Single(SpecLineMap.Of(text).Locate(Problems(read)));

        Assert.InRange(problem.Line, 2, 3);
    }

    [Fact]
    public void Locate_RealValidationErrors_PointsEachAtItsValue()
    {
        const string text = """
            template: taxi-fares
            duration: 10d
            drift:
              - at: 12d
                kind: concept
                effects:
                  nonsense: 1
            quirks:
              - at: 1d
                kind: missingValues
                rate: 1.5
            """;
        var read = ScenarioSpecReader.Read(text);
        Assert.False(read.IsValid);

        var located = SpecLineMap.Of(text).Locate(Problems(read));

        Assert.Contains(located, p => p.Path == "drift[0].at" && p.Line == 4 && p.Exact);
        Assert.Contains(located, p => p.Path == "drift[0].effects.nonsense" && p.Line == 7 && p.Exact);
        Assert.Contains(located, p => p.Path == "quirks[0].rate" && p.Line == 11 && p.Exact);
        Assert.Equal(located.OrderBy(p => p.Line).Select(p => p.Line), located.Select(p => p.Line));
    }

    [Fact]
    public void Locate_UnknownKey_PointsAtTheKey()
    {
        const string text = "template: taxi-fares\nbatches:\n  rows: 10\n  dueAftr: 2h\n";
        var read = ScenarioSpecReader.Read(text);

        var problem = Assert.Single(SpecLineMap.Of(text).Locate(Problems(read)));

        Assert.Equal("batches.dueAftr", problem.Path);
        Assert.Equal(4, problem.Line);
    }

    [Fact]
    public void Locate_DuplicateKeys_PointsAtTheSecondAndThirdOccurrence()
    {
        const string text = "template: taxi-fares\ntitle: one\nseed: 1\ntitle: two\ntitle: three\n";
        var read = ScenarioSpecReader.Read(text);

        var located = SpecLineMap.Of(text).Locate(Problems(read)).Where(p => p.Path == "title").ToList();

        Assert.Equal([4, 5], located.Select(p => p.Line));
    }

    [Fact]
    public void Locate_MissingRequiredKey_PointsAtTheParentAndIsNotExact()
    {
        const string text = "template: taxi-fares\ndrift:\n  - kind: concept\n    effects:\n      base: 2\n";
        var read = ScenarioSpecReader.Read(text);

        var located = SpecLineMap.Of(text).Locate(Problems(read));

        var missingAt = Assert.Single(located, p => p.Path == "drift[0].at");
        Assert.Equal(3, missingAt.Line);
        Assert.False(missingAt.Exact);
    }

    [Fact]
    public void Locate_DocumentProblemWithoutPosition_PointsAtTheFirstKey()
    {
        var map = SpecLineMap.Of("\n\ntitle: no template\n");

        var located = map.Locate([new ScenarioSpecProblem("", "This scenario already has 100 versions.")]);

        Assert.Equal(3, Assert.Single(located).Line);
    }

    [Fact]
    public void Locate_JsonSpec_MapsPathsToTheirLines()
    {
        const string text = "{\n  \"template\": \"taxi-fares\",\n  \"drift\": [\n    { \"at\": \"99d\", \"kind\": \"concept\", \"effects\": { \"base\": 1 } }\n  ]\n}\n";
        var read = ScenarioSpecReader.Read(text);

        var located = SpecLineMap.Of(text).Locate(Problems(read));

        Assert.Contains(located, p => p.Path == "drift[0].at" && p.Line == 4);
    }

    [Fact]
    public void Locate_JsonSyntaxError_UsesTheReportedLine()
    {
        const string text = "{\n  \"template\": \"taxi-fares\",\n  \"title\": oops\n}\n";
        var read = ScenarioSpecReader.Read(text);

        var problem = Assert.Single(SpecLineMap.Of(text).Locate(Problems(read)));

        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void Locate_AliasedValue_PointsAtTheAlias()
    {
        const string text = "template: taxi-fares\nbatches:\n  dueAfter: &due 12h\nendpoint:\n  timeout: *due\n";
        var map = SpecLineMap.Of(text);

        Assert.Equal(5, map.LineOf("endpoint.timeout"));
        Assert.Equal(3, map.LineOf("batches.dueAfter"));
    }

    [Fact]
    public void Of_EmptyText_HasOneLineAndRootAtLineOne()
    {
        var map = SpecLineMap.Of("");

        Assert.Equal(1, map.LineCount);
        Assert.Equal(1, map.LineOf("template"));
    }

    private static ScenarioSpecProblem[] Problems(SpecReadResult read) =>
        [.. read.Errors.Select(e => new ScenarioSpecProblem(e.Path, e.Message))];
}
