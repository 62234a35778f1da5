namespace PPipe.Frontend.Cohorts;

/// <summary>Whether a student of a cohort's roster is enrolled or was removed by the instructor (their data kept).</summary>
public enum StudentStatus
{
    Enrolled,
    Removed,
}
