using System.ComponentModel.DataAnnotations;

namespace PPipe.Frontend.Datasets;

/// <summary>The <c>Datasets</c> section: how large an instructor's upload may be.</summary>
public sealed class DatasetOptions
{
    public const string Section = "Datasets";

    /// <summary>The largest upload accepted, in bytes; more is a 413 and nothing is stored. Default 1 GiB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 1L << 30;
}
