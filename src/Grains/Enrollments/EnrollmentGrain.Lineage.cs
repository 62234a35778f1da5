using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// The student's model lineage. It is recorded with what carries it, in the same state write: a probe answer naming a
/// model with the probe (<see cref="EnrollmentState.RecordProbes"/>), a submission's model with the submission; what a
/// claim is checked against and how the list stays bounded is the <see cref="Assessment.ModelLineage"/>'s to decide.
/// </summary>
internal sealed partial class EnrollmentGrain
{
    public Task<LineageLog> GetLineageAsync() => Task.FromResult(Record.Lineage?.Log() ?? LineageLog.Empty);
}
