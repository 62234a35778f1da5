using PPipe.Architecture.Tests.Infrastructure;
using PPipe.Scenarios.Spec;

namespace PPipe.Architecture.Tests.Scenarios;

/// <summary>
/// The spec samples of docs/scenarios.md read as the page says: a <c>```yaml</c> block is a valid spec; a
/// <c>```yaml invalid</c> block is refused with exactly the errors listed in the fenced block after it.
/// </summary>
public sealed class ScenarioDocsTests
{
    private const string Page = "docs/scenarios.md";

    private static readonly IReadOnlyList<FencedBlock> Blocks = FencedBlock.Read(File.ReadAllText(RepoPaths.File(Page)));

    public static TheoryData<int> ValidSamples => [.. Indexes("yaml")];

    public static TheoryData<int> InvalidSamples => [.. Indexes("yaml invalid")];

    [Theory]
    [MemberData(nameof(ValidSamples))]
    public void ScenariosPage_YamlSample_ReadsWithoutErrors(int block)
    {
        var read = ScenarioSpecReader.Read(Blocks[block].Text);

        Assert.True(read.IsValid, $"{Page}, yaml block {block}: {string.Join("; ", read.Errors)}");
    }

    [Theory]
    [MemberData(nameof(InvalidSamples))]
    public void ScenariosPage_InvalidSample_FailsWithTheListedErrors(int block)
    {
        Assert.True(block + 1 < Blocks.Count, $"{Page}: the invalid sample in block {block} needs a fenced block of its errors after it.");
        var listed = Blocks[block + 1].Lines.Where(line => line.Length > 0).ToList();

        var read = ScenarioSpecReader.Read(Blocks[block].Text);

        Assert.Equal(listed, read.Errors.Select(e => e.ToString()).ToList());
    }

    [Fact]
    public void ScenariosPage_Samples_AreThere()
    {
        Assert.NotEmpty(Indexes("yaml"));
        Assert.NotEmpty(Indexes("yaml invalid"));
    }

    private static IEnumerable<int> Indexes(string info) =>
        Enumerable.Range(0, Blocks.Count).Where(i => Blocks[i].Info == info);
}
