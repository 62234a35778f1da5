namespace PPipe.Grains.Enrollments;

/// <summary>
/// One student in one cohort, keyed <c>{cohortId}/{studentId}</c>: the unit of work and of scale.
/// A single reminder drives it; each tick processes every event due since the last processed one.
/// </summary>
[Alias("ppipe.IEnrollmentGrain")]
public interface IEnrollmentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the enrollment, or re-issues its credential when its roster page never recorded it
    /// (a retried enrollment): the previous credential is revoked, the student's data seed is kept.
    /// </summary>
    [Alias("Initialize")]
    Task InitializeAsync(EnrollmentInit init);
}
