using System.Diagnostics;
using System.Text.Json;
using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grading.Bench;

/// <summary>
/// <c>GET /api/v1/grade</c> end to end, as a student's program calls it: over HTTP on loopback Kestrel to the front end in
/// embedded mode (<see cref="GradeEndpointPlatform"/>), through the token check and rate limit, the enrollment grain reading
/// its state and grading it, and the JSON the student reads. Three students of the same template with the same evidence:
/// one in a cohort of the template as shipped (today), one in a cohort of the template with the new criteria under
/// all-proficient, and a second one of today's (the control: the same work as the first, so its ratio is this run's noise).
/// Their requests are timed in interleaved rounds, one client at a time, the order turning each round; each round gives a
/// ratio to today's round, and the median of those ratios is the figure. Allocation is the whole process's (client,
/// Kestrel, silo) per request, the same for both sides but for what the grade itself adds.
/// </summary>
internal static class GradeEndpointBenchmark
{
    public const int Rounds = 25;

    public const int RequestsPerRound = 200;

    public const int WarmupRequests = 2_000;

    private const string Route = "/api/v1/grade";

    /// <summary>
    /// How long every student's grade is requested in turn before anything is timed. With ten seconds, the template timed
    /// first still ran at up to twice the time per request it ran at when timed later, whichever template it was: the
    /// platform is still settling (startup work of the silo, code being compiled) in its first half minute.
    /// </summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Measures every template with one platform; each template's students get cohorts of their own. Every student is
    /// enrolled and checked first, then the whole platform is warmed up (Kestrel, the token check, grain calls, each
    /// template's grading) for <see cref="WarmUp"/>, so the first template is not timed while the process still compiles
    /// its hot paths.
    /// </summary>
    public static async Task<IReadOnlyList<GradeEndpointResult>> RunAsync(IEnumerable<string> templates)
    {
        await using var platform = GradeEndpointPlatform.Start();
        var students = new List<Students>();
        try
        {
            foreach (var template in templates)
            {
                students.Add(await EnrollAsync(platform, template));
            }

            var warmUntil = DateTime.UtcNow + WarmUp;
            while (DateTime.UtcNow < warmUntil)
            {
                foreach (var client in students.SelectMany(s => new[] { s.Today, s.New, s.Control }))
                {
                    await client.GetByteArrayAsync(Route);
                }
            }

            var results = new List<GradeEndpointResult>();
            foreach (var s in students)
            {
                results.Add(await MeasureAsync(platform, s));
            }

            return results;
        }
        finally
        {
            students.ForEach(s => s.Dispose());
        }
    }

    /// <summary>The template's three students, each enrolled, given the evidence and checked to answer the pure benchmark's grade.</summary>
    private static async Task<Students> EnrollAsync(GradeEndpointPlatform platform, string template)
    {
        var enrollment = BenchEnrollment.AtTheEnd(template);
        var assessedScenario = await platform.UploadScenarioAsync(BenchEnrollment.NewCriteriaSpec(enrollment.Template));
        var (todayCohort, todayToken) = await platform.EnrollAsync(template, "weighted-mean");
        var (controlCohort, controlToken) = await platform.EnrollAsync(template, "weighted-mean");
        var (newCohort, newToken) = await platform.EnrollAsync(assessedScenario, "all-proficient");
        await platform.SeedAsync(todayCohort, enrollment.Baseline);
        await platform.SeedAsync(controlCohort, enrollment.Baseline);
        await platform.SeedAsync(newCohort, enrollment.NewCriteria);

        var students = new Students(template, todayCohort, newCohort, platform.Student(todayToken), platform.Student(newToken), platform.Student(controlToken));
        students.TodayBytes = await ExpectAsync(students.Today, Grader.Grade(enrollment.Baseline), template);
        students.NewBytes = await ExpectAsync(students.New, Grader.Grade(enrollment.NewCriteria), template);
        await ExpectAsync(students.Control, Grader.Grade(enrollment.Baseline), template);
        return students;
    }

    private static async Task<GradeEndpointResult> MeasureAsync(GradeEndpointPlatform platform, Students s)
    {
        // Over HTTP as a student's program asks; then the enrollment grain alone, as the front end calls it, to tell what
        // the request adds around the grade.
        var http = await MeasureAsync([() => s.Today.GetByteArrayAsync(Route), () => s.New.GetByteArrayAsync(Route), () => s.Control.GetByteArrayAsync(Route)]);
        var (todayGrain, newGrain) = (platform.Enrollment(s.TodayCohort), platform.Enrollment(s.NewCohort));
        var grain = await MeasureAsync([() => todayGrain.GetGradeAsync(), () => newGrain.GetGradeAsync()]);
        return new GradeEndpointResult(s.Template, http.Times[0], http.Times[1], http.Ratios[1], http.Ratios[2], http.Allocated[0], http.Allocated[1],
            s.TodayBytes, s.NewBytes, grain.Times[0], grain.Times[1], grain.Ratios[1]);
    }

    /// <summary>
    /// Warms each side up, then times <see cref="Rounds"/> rounds of <see cref="RequestsPerRound"/> calls of each, the order
    /// turning each round so no side always follows the same one. Per side: the median time per call (µs), the median of
    /// the rounds' ratios to the first side's round, and the median of the process's allocation per call.
    /// </summary>
    private static async Task<(double[] Times, double[] Ratios, double[] Allocated)> MeasureAsync(Func<Task>[] sides)
    {
        foreach (var side in sides)
        {
            await RepeatAsync(side, WarmupRequests);
        }

        var time = sides.Select(_ => new double[Rounds]).ToArray();
        var allocated = sides.Select(_ => new double[Rounds]).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            for (var k = 0; k < sides.Length; k++)
            {
                var s = (k + round) % sides.Length;
                var before = GC.GetTotalAllocatedBytes(precise: true);
                time[s][round] = await RepeatAsync(sides[s], RequestsPerRound);
                allocated[s][round] = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)RequestsPerRound;
            }
        }

        return ([.. time.Select(Median)],
            [.. time.Select(t => Median([.. Enumerable.Range(0, Rounds).Select(r => t[r] / time[0][r])]))],
            [.. allocated.Select(Median)]);
    }

    /// <summary>Calls <paramref name="call"/> <paramref name="count"/> times, one at a time; the mean time per call in microseconds.</summary>
    private static async Task<double> RepeatAsync(Func<Task> call, int count)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await call();
        }

        return watch.Elapsed.TotalMicroseconds / count;
    }

    /// <summary>
    /// Waits (with a deadline) until the endpoint answers with <paramref name="expected"/>, the grade the pure benchmark
    /// computes from the same evidence: the seeded enrollment is then the one measured. The body's size in bytes.
    /// </summary>
    private static async Task<int> ExpectAsync(HttpClient client, GradeReport expected, string template)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var body = await client.GetByteArrayAsync(Route);
            using var json = JsonDocument.Parse(body);
            if (Matches(json.RootElement, expected, out last))
            {
                return body.Length;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"GET {Route} on {template} does not answer the grade the benchmark computes: {last}");
    }

    private static bool Matches(JsonElement grade, GradeReport expected, out string difference)
    {
        var overall = grade.GetProperty("overall");
        var criteria = grade.GetProperty("criteria");
        difference = "";
        if (Number(overall.GetProperty("score")) != expected.OverallScore || Text(overall.GetProperty("level")) != expected.OverallLevel
            || Text(overall.GetProperty("feedback")) != expected.OverallFeedback || criteria.GetArrayLength() != expected.Criteria.Length)
        {
            difference = $"overall {overall.GetRawText()}";
            return false;
        }

        for (var i = 0; i < expected.Criteria.Length; i++)
        {
            var (answered, wanted) = (criteria[i], expected.Criteria[i]);
            if (Text(answered.GetProperty("name")) != wanted.Name || Number(answered.GetProperty("score")) != wanted.Score
                || Text(answered.GetProperty("level")) != wanted.Level || Text(answered.GetProperty("feedback")) != wanted.Feedback)
            {
                difference = $"{wanted.Name}: {answered.GetRawText()}";
                return false;
            }
        }

        return true;
    }

    private static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetString();

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>One template's students: today's, the one with the new criteria, and today's second (the control), each with its client.</summary>
    private sealed record Students(string Template, string TodayCohort, string NewCohort, HttpClient Today, HttpClient New, HttpClient Control) : IDisposable
    {
        public int TodayBytes { get; set; }

        public int NewBytes { get; set; }

        public void Dispose()
        {
            Today.Dispose();
            New.Dispose();
            Control.Dispose();
        }
    }
}
