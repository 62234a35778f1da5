using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Research;

/// <summary>
/// The secret of one research study, keyed <see cref="KeyOfCohort"/> (a cohort's own study) or <see cref="KeyOfStudy"/> (a study
/// named by instructors and shared by several cohorts). Pseudonyms in research exports are keyed hashes under this secret, so the
/// same student maps to the same pseudonym in every export of the study and to another one in any other study.
/// </summary>
[Alias("ppipe.IStudyKeyGrain")]
public interface IStudyKeyGrain : IGrainWithStringKey
{
    /// <summary>The study's secret: 32 random bytes, made and stored durably on first use, the same ever after.</summary>
    [Alias("GetSecret")]
    Task<ImmutableArray<byte>> GetSecretAsync();

    /// <summary>The grain key of the study a cohort has when no study is named.</summary>
    public static string KeyOfCohort(string cohortId) => "cohort/" + cohortId;

    /// <summary>The grain key of a named study.</summary>
    public static string KeyOfStudy(string study) => "study/" + study;
}
