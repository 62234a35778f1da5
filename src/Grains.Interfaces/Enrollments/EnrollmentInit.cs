using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Interfaces.Enrollments;

/// <summary>Everything an enrollment needs at creation: its cohort, the student and the hash key of its token.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.EnrollmentInit")]
public sealed record EnrollmentInit(CohortInfo Cohort, RosterRow Student, string CredentialKey, DateTimeOffset EnrolledAt);
