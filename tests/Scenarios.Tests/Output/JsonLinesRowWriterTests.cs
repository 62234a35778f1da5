using System.Text;
using System.Text.Json;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;

namespace PPipe.Scenarios.Tests.Output;

public sealed class JsonLinesRowWriterTests
{
    [Fact]
    public async Task WriteAsync_Release_OneObjectPerLineWithTheCsvValues()
    {
        var generator = new ScenarioGenerator(TestScenarios.Template("customer-churn"), 3, TestScenarios.Start);
        var csv = (await CsvRowWriterTests.Csv(generator.OpenRelease(2))).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var lines = (await JsonLines(generator.OpenRelease(2))).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(csv.Length - 1, lines.Length);
        var header = csv[0].Split(',');
        for (var i = 0; i < lines.Length; i += 97)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var fields = csv[i + 1].Split(',');
            Assert.Equal(header, json.RootElement.EnumerateObject().Select(p => p.Name));
            for (var c = 0; c < header.Length; c++)
            {
                var value = json.RootElement.GetProperty(header[c]);
                var text = value.ValueKind switch
                {
                    JsonValueKind.Null => "",
                    JsonValueKind.String => value.GetString(),
                    _ => value.GetRawText(),
                };
                Assert.Equal(fields[c], text);
            }
        }
    }

    [Fact]
    public async Task WriteAsync_MissingValues_AreNull()
    {
        var generator = new ScenarioGenerator(TestScenarios.Template("customer-churn"), 3, TestScenarios.Start);

        var text = await JsonLines(generator.OpenRelease(2));

        Assert.Contains("\"nps_score\":null", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ProbeRequest_ProbeSlot_HoldsTheFeaturesOfEachRowInOrder()
    {
        var scenario = TestScenarios.Template("energy-demand");
        var generator = new ScenarioGenerator(scenario, 3, TestScenarios.Start);
        var expected = RowTable.Load(generator.OpenProbe(500));

        using var body = JsonDocument.Parse(ProbeRequest.ToBytes(generator.OpenProbe(500)));

        var instances = body.RootElement.GetProperty("instances").EnumerateArray().ToList();
        Assert.Equal(scenario.Endpoint!.RowsPerProbe, instances.Count);
        Assert.Equal(
            expected.Columns.Skip(1).Select(c => c.Name),
            instances[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(expected.OpenReader() is var reader && reader.Read() ? reader.GetText(2) : null, instances[0].GetProperty("region").GetString());
    }

    private static async Task<string> JsonLines(RowReader rows)
    {
        using var stream = new MemoryStream();
        await JsonLinesRowWriter.WriteAsync(rows, stream, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
