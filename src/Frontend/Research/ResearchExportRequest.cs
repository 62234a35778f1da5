using System.Text.RegularExpressions;
using PPipe.Grains.Client.Research;

namespace PPipe.Frontend.Research;

/// <summary>The query of a research export, checked: the format and the study (null: the cohort's own).</summary>
public sealed partial record ResearchExportRequest(ResearchFormat Format, string? Study)
{
    public const string StudyRule = "study must be 1 to 63 lower-case letters, digits and '-', starting with a letter or digit.";

    /// <summary>The request, or the field and what is wrong with it.</summary>
    public static (ResearchExportRequest? Request, string? Field, string? Problem) Read(string? format, string? study)
    {
        ResearchFormat parsed;
        switch (format)
        {
            case null or "" or "csv":
                parsed = ResearchFormat.Csv;
                break;
            case "parquet":
                parsed = ResearchFormat.Parquet;
                break;
            default:
                return (null, "format", $"format must be csv or parquet, not '{format}'.");
        }

        if (study is not null && !StudyId().IsMatch(study))
        {
            return (null, "study", StudyRule);
        }

        return (new ResearchExportRequest(parsed, string.IsNullOrEmpty(study) ? null : study), null, null);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex StudyId();
}
