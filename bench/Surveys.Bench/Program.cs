// Survey analytics benchmark: a cohort's analytics (SurveyAnalysis.Compute, what the API and the page run after reading the
// 128 survey shards and 64 roster pages) over 10,000 students' pre- and post-survey answers held in memory, against the
// baseline of merely enumerating the same answers, interleaved in one process. Goal: analytics under 1 s.
// Run: dotnet run -c Release --project bench/Surveys.Bench [students]
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using PPipe.Grains.Client.Surveys;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Scenarios.Surveys;

const int Runs = 11;
var students = args is [var count] ? int.Parse(count, CultureInfo.InvariantCulture) : 10_000;
var instrument = BuiltInInstruments.MlopsSkills;
string[] criteria = ["acquisition", "batchQuality", "punctuality", "endpointAvailability", "endpointQuality", "adaptation"];
var random = new Random(42);
var at = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

Console.WriteLine($"Survey analytics benchmark · {RuntimeInformation.FrameworkDescription} · {RuntimeInformation.OSDescription} · " +
    $"{Environment.ProcessorCount} cores · {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC · load {LoadAverage()}");
Console.WriteLine();

// The cohort as the shards and roster pages hold it: 95% answered the pre-survey, 80% the post (most of them both), 70% consent,
// 1% removed, everyone with a score on each criterion.
var roster = new List<StudentStanding>(students);
var shards = Enumerable.Range(0, SurveyShards.Count).Select(_ => new List<SurveyResponseRow>()).ToArray();
for (var i = 0; i < students; i++)
{
    var id = $"student-{i:00000}";
    var scores = criteria.Select(c => new CriterionScore(c, random.NextDouble())).ToImmutableArray();
    roster.Add(new StudentStanding(id, id, $"{id}@example.org", at, new StudentProgress(id, [], CriterionScores: scores),
        random.NextDouble() < 0.01 ? at : null));
    var skill = random.Next(1, 4);
    shards[SurveyShards.ShardOf(id)].Add(new SurveyResponseRow(id,
        random.NextDouble() < 0.7 ? new SurveyConsent(true, at, at) : null,
        random.NextDouble() < 0.95 ? Submission(skill) : null,
        random.NextDouble() < 0.8 ? Submission(Math.Min(5, skill + random.Next(0, 3))) : null));
}

var rows = shards.Select(s => s.ToImmutableArray()).ToArray();
var answers = rows.Sum(shard => shard.Sum(r => (r.Pre?.Answers.Length ?? 0) + (r.Post?.Answers.Length ?? 0)));

var baseline = new List<double>();
var analytics = new List<double>();
long checksum = 0;
SurveyAnalytics? result = null;
for (var run = 0; run < Runs + 1; run++)
{
    var watch = Stopwatch.StartNew();
    checksum += Enumerate(rows);
    var enumerated = watch.Elapsed.TotalMilliseconds;
    watch.Restart();
    result = SurveyAnalysis.Compute("bench", "Bench", "taxi-fares", instrument, instrument, roster, rows.SelectMany(shard => shard), consentingOnly: false);
    var computed = watch.Elapsed.TotalMilliseconds;
    if (run > 0)
    {
        baseline.Add(enumerated);
        analytics.Add(computed);
    }
}

var baseMedian = Median(baseline);
var analyticsMedian = Median(analytics);
Console.WriteLine($"## {students:N0} students, {answers:N0} submitted answers ({instrument.Id} v{instrument.Version} as pre- and post-survey), median of {Runs} interleaved runs after one warm-up");
Console.WriteLine();
Console.WriteLine("| case | median ms | min ms | max ms | vs baseline |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
Console.WriteLine($"| baseline: enumerate every answer | {baseMedian:F1} | {baseline.Min():F1} | {baseline.Max():F1} | 1.00x |");
Console.WriteLine($"| analytics (SurveyAnalysis.Compute) | {analyticsMedian:F1} | {analytics.Min():F1} | {analytics.Max():F1} | {analyticsMedian / baseMedian:F2}x |");
Console.WriteLine();
Console.WriteLine($"Analysed {result!.Responses.Analyzed:N0} of {result.Responses.Enrolled:N0} enrolled; {result.Competences.Length} competences, " +
    $"{result.Correlations.Length} correlations, {result.Items.Length} item distributions. Checksum {checksum}.");
Console.WriteLine($"Goal: analytics under 1,000 ms — {(analyticsMedian < 1000 ? "met" : "NOT MET")} ({analyticsMedian:F0} ms).");

SurveySubmission Submission(int skill) => new(instrument.Id, instrument.Version, at,
[
    .. instrument.Sections.SelectMany(s => s.Items).Select(item => item.Kind switch
    {
        SurveyItemKind.Likert => new SurveyAnswer(item.Id, Math.Clamp(skill + random.Next(-1, 2), 1, 5), null, null),
        SurveyItemKind.Single => new SurveyAnswer(item.Id, random.Next(item.Options.Length), null, null),
        SurveyItemKind.Multiple => new SurveyAnswer(item.Id, null, [.. Enumerable.Range(0, item.Options.Length).Where(_ => random.Next(2) == 0).DefaultIfEmpty(0)], null),
        _ => new SurveyAnswer(item.Id, null, null, "More labs on monitoring, please."),
    }),
]);

// What any cohort-wide read pays at least: touch every answer of every row once.
static long Enumerate(ImmutableArray<SurveyResponseRow>[] shards)
{
    long sum = 0;
    foreach (var shard in shards)
    {
        foreach (var row in shard)
        {
            foreach (var submission in new[] { row.Pre, row.Post })
            {
                if (submission is null)
                {
                    continue;
                }

                foreach (var answer in submission.Answers)
                {
                    sum += answer.Number ?? answer.Choices?.Length ?? answer.Text?.Length ?? 0;
                }
            }
        }
    }

    return sum;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
