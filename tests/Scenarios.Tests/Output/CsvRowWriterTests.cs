using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using CsvHelper;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;

namespace PPipe.Scenarios.Tests.Output;

public sealed class CsvRowWriterTests
{
    [Fact]
    public async Task WriteAsync_Release_IsCsvAnotherParserReadsBackExactly()
    {
        var generator = new ScenarioGenerator(TestScenarios.Template("taxi-fares"), 3, TestScenarios.Start);
        var expected = RowTable.Load(generator.OpenRelease(4));

        var text = await Csv(generator.OpenRelease(4));

        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        Assert.Equal(expected.Columns.Select(c => c.Name), csv.HeaderRecord);
        var reader = expected.OpenReader();
        var rows = 0;
        while (csv.Read())
        {
            Assert.True(reader.Read());
            for (var c = 0; c < expected.Columns.Count; c++)
            {
                Assert.Equal(reader.GetText(c), csv.GetField(c));
            }

            rows++;
        }

        Assert.Equal(expected.Count, rows);
        Assert.Equal(expected.Count + 1, text.Count(ch => ch == '\n'));
    }

    [Fact]
    public async Task WriteAsync_NumbersAndTimestamps_UseFixedInvariantFormats()
    {
        var generator = new ScenarioGenerator(TestScenarios.Template("taxi-fares"), 3, TestScenarios.Start);

        var lines = (await Csv(generator.OpenRelease(2))).Split('\n');

        var fields = lines[1].Split(',');
        Assert.Matches(@"^r0002-000000$", fields[0]);
        Assert.Matches(@"^2026-01-05T\d\d:\d\d:\d\dZ$", fields[1]);
        Assert.Matches(@"^\d+\.\d\d$", fields[4]);
        Assert.Matches(@"^\d+\.\d$", fields[5]);
        Assert.Matches(@"^\d+\.\d\d$", fields[^1]);
        Assert.DoesNotContain(lines, line => line.Contains("-0.0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_MissingValues_AreEmptyFields()
    {
        var generator = new ScenarioGenerator(TestScenarios.Template("customer-churn"), 3, TestScenarios.Start);
        var column = generator.OpenRelease(2).Columns.Select(c => c.Name).ToList().IndexOf("nps_score");

        var lines = (await Csv(generator.OpenRelease(2))).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1);

        Assert.Contains(lines, line => line.Split(',')[column] == "");
    }

    [Fact]
    public async Task WriteAsync_CategoryWithCommaAndQuotes_IsQuotedPerRfc4180()
    {
        var scenario = TestScenarios.Read("""
            template: taxi-fares
            quirks:
              - {at: 0d, kind: newCategory, feature: payment_type, value: 'voucher, "corporate"', rate: 0.5}
            """);
        var generator = new ScenarioGenerator(scenario, 3, TestScenarios.Start);

        var text = await Csv(generator.OpenRelease(3));

        Assert.Contains("\"voucher, \"\"corporate\"\"\"", text, StringComparison.Ordinal);
        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        var records = csv.GetRecords<dynamic>().Select(r => (string)((IDictionary<string, object>)r)["payment_type"]).ToList();
        Assert.Contains("voucher, \"corporate\"", records);
        Assert.Equal(scenario.Releases.Rows, records.Count);
    }

    [Fact]
    public async Task WriteAsync_LargeRelease_StreamsInBoundedChunks()
    {
        var scenario = TestScenarios.Read("template: energy-demand\nreleases: {rows: 150000}");
        var generator = new ScenarioGenerator(scenario, 3, TestScenarios.Start);
        var sink = new RecordingStream();

        var rows = await CsvRowWriter.WriteAsync(generator.OpenRelease(1), sink, TestContext.Current.CancellationToken);

        Assert.Equal(150_000, rows);
        Assert.True(sink.Writes > 50, $"{sink.Writes} writes");
        Assert.True(sink.LargestWrite <= 128 * 1024, $"largest write {sink.LargestWrite} bytes of {sink.Length}");
    }

    [Fact]
    public async Task WriteAsync_ToAPipe_GivesTheSameBytesAsToAStream()
    {
        var generator = new ScenarioGenerator(TestScenarios.Template("card-fraud"), 3, TestScenarios.Start);
        var pipe = new Pipe();

        var writing = Task.Run(async () =>
        {
            await CsvRowWriter.WriteAsync(generator.OpenRelease(5), pipe.Writer);
            await pipe.Writer.CompleteAsync();
        }, TestContext.Current.CancellationToken);
        using var received = new MemoryStream();
        await pipe.Reader.CopyToAsync(received, TestContext.Current.CancellationToken);
        await writing;

        Assert.Equal(await Csv(generator.OpenRelease(5)), Encoding.UTF8.GetString(received.ToArray()));
    }

    [Fact]
    public async Task WriteAsync_RowTable_WritesTheSameAsTheGenerator()
    {
        var generator = new ScenarioGenerator(TestScenarios.Template("predictive-maintenance"), 3, TestScenarios.Start);
        var table = RowTable.Load(generator.OpenRelease(22));

        Assert.Equal(await Csv(generator.OpenRelease(22)), await Csv(table.OpenReader()));
    }

    [Fact]
    public async Task WriteAsync_BatchLabels_HoldIdAndTargetOnly()
    {
        var generator = new ScenarioGenerator(TestScenarios.Template("customer-churn"), 3, TestScenarios.Start);

        var lines = (await Csv(generator.OpenBatchLabels(1))).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("id,churned_30d", lines[0]);
        Assert.Equal(1501, lines.Length);
        Assert.All(lines.Skip(1), line => Assert.Matches(@"^b0001-\d{6},(yes|no)$", line));
    }

    internal static async Task<string> Csv(RowReader rows)
    {
        using var stream = new MemoryStream();
        await CsvRowWriter.WriteAsync(rows, stream, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Counts what is written and remembers the largest single write, keeping nothing.</summary>
    private sealed class RecordingStream : Stream
    {
        private long _length;

        public int Writes { get; private set; }

        public int LargestWrite { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Record(count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Record(buffer.Length);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private void Record(int count)
        {
            Writes++;
            LargestWrite = Math.Max(LargestWrite, count);
            _length += count;
        }
    }
}
