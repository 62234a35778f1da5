using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using PPipe.Grains.Client.Research;

namespace PPipe.Research.Bench;

/// <summary>
/// The baseline: the rows of an export already in memory, typed as the export's writers take them, written into a zip of the same
/// shape (the answers straight in, the other tables spilled to a temporary file and copied in, then the spec and the dictionary)
/// with the same table writers. What is left of the export's time beyond this is reading the cohort.
/// </summary>
internal sealed class PrebuiltRows(Dictionary<string, List<object?[]>> tables, string scenario)
{
    public int Rows => tables.Values.Sum(t => t.Count);

    /// <summary>Reads a CSV export back into typed rows.</summary>
    public static async Task<PrebuiltRows> FromCsvExportAsync(byte[] zipBytes)
    {
        var tables = new Dictionary<string, List<object?[]>>();
        await using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        foreach (var table in ResearchTables.Data)
        {
            using var reader = new CsvReader(new StreamReader(zip.GetEntry(table.FileName(ResearchFormat.Csv))!.Open(), Encoding.UTF8), CultureInfo.InvariantCulture);
            await reader.ReadAsync();
            reader.ReadHeader();
            var rows = new List<object?[]>();
            while (await reader.ReadAsync())
            {
                rows.Add([.. table.Columns.Select((c, i) => Typed(c.Type, reader.GetField(i)!))]);
            }

            tables[table.Name] = rows;
        }

        using var spec = new StreamReader(zip.GetEntry(ResearchTables.ScenarioFile)!.Open());
        return new PrebuiltRows(tables, await spec.ReadToEndAsync());
    }

    public async Task WriteAsync(ResearchFormat format, Stream output)
    {
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null);
        var spills = new List<(string Name, FileStream File)>();
        try
        {
            foreach (var table in ResearchTables.Data)
            {
                var direct = format == ResearchFormat.Csv && table == ResearchTables.SurveyAnswers;
                var spill = direct ? null : Spill();
                await using var entry = direct ? await zip.CreateEntry(table.FileName(format)).OpenAsync() : null;
                await using var writer = await ResearchTableWriter.CreateAsync(table, format, spill ?? entry!);
                foreach (var row in tables[table.Name])
                {
                    await writer.WriteAsync(row);
                }

                await writer.CompleteAsync();
                if (spill is not null)
                {
                    spills.Add((table.FileName(format), spill));
                }
            }

            foreach (var (name, spill) in spills)
            {
                spill.Position = 0;
                await using var entry = await zip.CreateEntry(name).OpenAsync();
                await spill.CopyToAsync(entry);
            }

            await using (var entry = await zip.CreateEntry(ResearchTables.ScenarioFile).OpenAsync())
            await using (var text = new StreamWriter(entry))
            {
                await text.WriteAsync(scenario);
            }

            await using var dictionaryEntry = await zip.CreateEntry(ResearchTables.Dictionary.FileName(ResearchFormat.Csv)).OpenAsync();
            await using var dictionary = await ResearchTableWriter.CreateAsync(ResearchTables.Dictionary, ResearchFormat.Csv, dictionaryEntry);
            foreach (var row in ResearchTables.DictionaryRows(format))
            {
                await dictionary.WriteAsync(row);
            }

            await dictionary.CompleteAsync();
        }
        finally
        {
            foreach (var (_, spill) in spills)
            {
                await spill.DisposeAsync();
            }
        }
    }

    private static object? Typed(ResearchColumnType type, string text) => text.Length == 0 && type != ResearchColumnType.Text ? null : type switch
    {
        ResearchColumnType.Integer => int.Parse(text, CultureInfo.InvariantCulture),
        ResearchColumnType.Number => double.Parse(text, CultureInfo.InvariantCulture),
        ResearchColumnType.Boolean => bool.Parse(text),
        ResearchColumnType.Timestamp => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
        _ => text,
    };

    private static FileStream Spill() => new(Path.Combine(Path.GetTempPath(), "ppipe-research-bench-" + Guid.NewGuid().ToString("N")),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
