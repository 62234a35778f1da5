using System.Globalization;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace PPipe.TestSupport;

/// <summary>Parquet files for the dataset upload tests, written here with Parquet.Net as pandas or pyarrow would write them.</summary>
public static class ParquetFiles
{
    /// <summary>
    /// <see cref="PublicDatasets.Iris"/> as Parquet: four double columns and the species as a 32-bit integer, in row groups of
    /// <paramref name="rowGroupRows"/> rows (the last one shorter), so reading crosses row groups.
    /// </summary>
    public static async Task<byte[]> IrisAsync(int rowGroupRows = 64)
    {
        var rows = PublicDatasets.Iris().TrimEnd('\n').Split('\n').Skip(1).Select(line => line.Split(',')).ToArray();
        var names = PublicDatasets.IrisHeader.Split(',');
        var measures = names[..4].Select(n => new DataField<double>(n)).ToArray();
        var species = new DataField<int>(names[4]);
        using var output = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema([.. measures, species]), output))
        {
            foreach (var group in rows.Chunk(rowGroupRows))
            {
                using var rowGroup = writer.CreateRowGroup();
                for (var c = 0; c < measures.Length; c++)
                {
                    var values = group.Select(r => double.Parse(r[c], CultureInfo.InvariantCulture)).ToArray();
                    await rowGroup.WriteAsync<double>(measures[c], values);
                }

                await rowGroup.WriteAsync<int>(species, group.Select(r => int.Parse(r[4], CultureInfo.InvariantCulture)).ToArray());
                rowGroup.CompleteValidate();
            }
        }

        return output.ToArray();
    }

    /// <summary>Rows of <typeparamref name="T"/> as Parquet, one column per property (named as the property), as Parquet.Net's serializer writes them.</summary>
    public static async Task<byte[]> OfAsync<T>(IEnumerable<T> rows)
    {
        using var output = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, output);
        return output.ToArray();
    }
}
