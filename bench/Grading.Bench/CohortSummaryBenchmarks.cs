using BenchmarkDotNet.Attributes;
using PPipe.Assessment.Tests.Assessment;
using PPipe.Grains.Assessment;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Roster;

namespace PPipe.Grading.Bench;

/// <summary>
/// The cohort summary of <see cref="Students"/> students (<c>GET /api/v1/admin/cohorts/{id}/summary</c>): <see cref="CohortSummaries"/>
/// asking the 64 <see cref="RosterPageGrain"/>s, each counting the progress its students pushed, and adding the pages up.
/// The pages run in this process (no grain calls); what differs between the two cases is only what the enrollments pushed:
/// progress graded today's way, or by the rubric with monitoring and lineage under the all-proficient policy or the
/// weighted mean (the policy decides who is ranked: only students at Proficient or above are). Students
/// are four kinds in turn on taxi-fares: the realistic one of <see cref="BenchEnrollment"/>, one who never retrains, one
/// who submits every batch late, one without an endpoint.
/// </summary>
[MemoryDiagnoser]
public class CohortSummaryBenchmarks
{
    public const int Students = 10_000;

    private const string CohortId = "grading-bench";

    private IGrainFactory _today = null!;
    private IGrainFactory _newCriteria = null!;
    private IGrainFactory _newCriteriaWeightedMean = null!;
    private int _latestRelease;

    [GlobalSetup]
    public void Setup()
    {
        const string template = "taxi-fares";
        var realistic = BenchEnrollment.Realistic(PPipe.Scenarios.Templates.ScenarioTemplates.Get(template).Scenario);
        StudentBehaviour[] kinds = [realistic, realistic with { AdaptsAfter = null }, realistic with { SubmitsLate = true }, realistic with { Deploys = false }];
        var enrollments = kinds.Select(k => BenchEnrollment.AtTheEnd(template, k)).ToList();
        _latestRelease = enrollments[0].Baseline.Schedule.Releases.Max(r => r.Seq);
        _today = Pages(enrollments, e => e.Baseline);
        _newCriteria = Pages(enrollments, e => e.NewCriteria);
        _newCriteriaWeightedMean = Pages(enrollments, e => e.NewCriteriaWeightedMean);
    }

    // A new CohortSummaries for each summary: it keeps the last one for a second, and here no second passes.
    [Benchmark(Baseline = true, Description = "today's grades pushed")]
    public Task<CohortSummary> Today() => new CohortSummaries(_today, TimeProvider.System).SummarizeAsync(CohortId, _latestRelease);

    [Benchmark(Description = "grades with the new criteria, all-proficient, pushed")]
    public Task<CohortSummary> NewCriteria() => new CohortSummaries(_newCriteria, TimeProvider.System).SummarizeAsync(CohortId, _latestRelease);

    [Benchmark(Description = "grades with the new criteria, weighted mean, pushed")]
    public Task<CohortSummary> NewCriteriaWeightedMean() => new CohortSummaries(_newCriteriaWeightedMean, TimeProvider.System).SummarizeAsync(CohortId, _latestRelease);

    /// <summary>The cohort's 64 pages, holding the progress each student pushed after being graded by <paramref name="graded"/>.</summary>
    private static IGrainFactory Pages(List<BenchEnrollment> enrollments, Func<BenchEnrollment, GradingInput> graded)
    {
        // One grade per kind of student: each student of a kind pushes the same progress under their own id.
        var grades = enrollments.Select(e => (Input: graded(e), Grade: Grader.Grade(graded(e)))).ToList();
        var entries = new List<RosterEntry>[RosterPages.Count];
        var progress = new Dictionary<string, StudentProgress>[RosterPages.Count];
        for (var page = 0; page < RosterPages.Count; page++)
        {
            entries[page] = [];
            progress[page] = new(StringComparer.Ordinal);
        }

        for (var i = 0; i < Students; i++)
        {
            var studentId = $"s{i:00000}";
            var page = RosterPages.PageOf(studentId);
            var (input, grade) = grades[i % grades.Count];
            entries[page].Add(new RosterEntry(studentId, $"Student {i}", $"{studentId}@example.org", SyntheticStudent.Start));
            progress[page][studentId] = ProgressReport.Of(studentId, input.Fetches, input.Batches, input.EndpointUrl is null ? null : true, grade);
        }

        var pages = Enumerable.Range(0, RosterPages.Count).ToDictionary(
            page => RosterPages.KeyOf(CohortId, page),
            page => (IRosterPageGrain)new RosterPageGrain(
                new MemoryState<RosterPageState>(new RosterPageState { Students = entries[page] }),
                new MemoryState<RosterProgressState>(new RosterProgressState { Students = progress[page] }),
                TimeProvider.System));
        return RosterPagesFactory.Of(pages);
    }
}
