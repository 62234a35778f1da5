using System.Collections.Immutable;
using System.Text;
using Parquet;
using PPipe.Grains.Client.Research;

namespace PPipe.Grains.Tests.Research;

/// <summary>
/// The research export's pieces that need no cluster: pseudonyms (keyed, stable, 16 hex characters), the CSV writer's forms of
/// each type, and the Parquet writer's row groups and nulls.
/// </summary>
public sealed class ResearchWriterTests
{
    private static readonly ResearchTable Table = new("sample", "one sample",
    [
        new("name", ResearchColumnType.Text, true, "text"),
        new("count", ResearchColumnType.Integer, false, "a count"),
        new("share", ResearchColumnType.Number, true, "a share"),
        new("ok", ResearchColumnType.Boolean, true, "a flag"),
        new("at", ResearchColumnType.Timestamp, false, "an instant"),
    ]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Pseudonym_SameKeySameId_SameSixteenHex_OtherKeyOrIdDiffers()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var other = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        var ada = new Pseudonyms(key).Of("ada");

        Assert.Matches("^[0-9a-f]{16}$", ada);
        Assert.Equal(ada, new Pseudonyms(key).Of("ada"));
        Assert.NotEqual(ada, new Pseudonyms(key).Of("bea"));
        Assert.NotEqual(ada, new Pseudonyms(other).Of("ada"));
    }

    [Fact]
    public async Task Csv_EveryType_InvariantFormsAndEmptyForNull()
    {
        using var output = new MemoryStream();

        await using (var writer = await ResearchTableWriter.CreateAsync(Table, ResearchFormat.Csv, output, Ct))
        {
            await writer.WriteAsync(["a, \"quoted\" name", 3, 0.125, true, new DateTimeOffset(2027, 2, 1, 11, 0, 0, TimeSpan.FromHours(1))], Ct);
            await writer.WriteAsync([null, -1, double.NaN, null, new DateTimeOffset(2027, 2, 1, 10, 0, 0, TimeSpan.Zero)], Ct);
            await writer.CompleteAsync(Ct);
        }

        Assert.Equal(
            "name,count,share,ok,at\r\n" +
            "\"a, \"\"quoted\"\" name\",3,0.125,true,2027-02-01T10:00:00.0000000+00:00\r\n" +
            ",-1,,,2027-02-01T10:00:00.0000000+00:00\r\n",
            Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task Parquet_MoreRowsThanARowGroup_SplitIntoGroupsWithNullsKept()
    {
        const int rows = 8_192 * 2 + 5;
        using var output = new MemoryStream();
        var at = new DateTimeOffset(2027, 2, 1, 10, 0, 0, TimeSpan.Zero);

        await using (var writer = await ResearchTableWriter.CreateAsync(Table, ResearchFormat.Parquet, output, Ct))
        {
            for (var i = 0; i < rows; i++)
            {
                await writer.WriteAsync([i % 2 == 0 ? $"row {i}" : null, i, i % 3 == 0 ? null : i / 2.0, i % 5 == 0 ? null : i % 2 == 0, at], Ct);
            }

            await writer.CompleteAsync(Ct);
        }

        output.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(output, cancellationToken: Ct);
        Assert.Equal(Table.Columns.Select(c => c.Name), reader.Schema.DataFields.Select(f => f.Name));
        Assert.Equal(3, reader.RowGroupCount);
        var counts = new List<int>();
        var shares = new List<double?>();
        var names = new List<string?>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.OpenRowGroupReader(g);
            var count = new int?[group.RowCount];
            var share = new double?[group.RowCount];
            var name = new string[group.RowCount];
            await group.ReadAsync<int>(reader.Schema.DataFields[1], count, cancellationToken: Ct);
            await group.ReadAsync<double>(reader.Schema.DataFields[2], share, cancellationToken: Ct);
            await group.ReadAsync(reader.Schema.DataFields[0], name, cancellationToken: Ct);
            counts.AddRange(count.Select(c => c!.Value));
            shares.AddRange(share);
            names.AddRange(name);
        }

        Assert.Equal(Enumerable.Range(0, rows), counts);
        Assert.Equal(Enumerable.Range(0, rows).Select(i => i % 3 == 0 ? (double?)null : i / 2.0), shares);
        Assert.Equal(Enumerable.Range(0, rows).Select(i => i % 2 == 0 ? $"row {i}" : null), names);
    }

    [Fact]
    public void Dictionary_EveryColumnOfEveryFile_OncePerFileWithItsType()
    {
        var rows = ResearchTables.DictionaryRows(ResearchFormat.Parquet).ToList();

        Assert.Equal(ResearchTables.Data.Sum(t => t.Columns.Length) + ResearchTables.Dictionary.Columns.Length, rows.Count);
        Assert.Equal(
            ImmutableArray.Create("survey_answers.parquet", "grades.parquet", "daily_activity.parquet", "data_dictionary.csv"),
            rows.Select(r => (string)r[0]!).Distinct().ToImmutableArray());
        Assert.Contains(rows, r => (string)r[0]! == "daily_activity.parquet" && (string)r[1]! == "mean_relative_score" && (string)r[2]! == "number" && (bool)r[3]!);
    }
}
