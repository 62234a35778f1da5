namespace PPipe.Grading.Bench;

/// <summary>
/// What <see cref="GradeEndpointBenchmark"/> measured on one template: the median time per request of today's student and of
/// the student with the new criteria (microseconds), the median of the rounds' ratios, the control's (today's second
/// student's) median ratio, the process's median allocation per request on each side, the size of each answer, and the
/// same times and ratio for the enrollment grain's <c>GetGradeAsync</c> called in process (the grade without the request).
/// </summary>
internal sealed record GradeEndpointResult(
    string Template,
    double TodayMicroseconds,
    double NewMicroseconds,
    double Ratio,
    double ControlRatio,
    double TodayAllocated,
    double NewAllocated,
    int TodayBytes,
    int NewBytes,
    double GrainTodayMicroseconds,
    double GrainNewMicroseconds,
    double GrainRatio)
{
    public double AllocatedRatio => NewAllocated / TodayAllocated;
}
