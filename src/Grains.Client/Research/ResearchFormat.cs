namespace PPipe.Grains.Client.Research;

/// <summary>The file format of a research export's tables (the dictionary is always CSV).</summary>
public enum ResearchFormat
{
    Csv,
    Parquet,
}
