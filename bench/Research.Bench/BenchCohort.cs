using System.Collections.Immutable;
using PPipe.Grains.Client.Roster;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Scenarios.Surveys;
using PPipe.Scenarios.Templates;

namespace PPipe.Research.Bench;

/// <summary>
/// A cohort for the bench on taxi-fares, ten scenario days in: every student enrolled through the roster, every one submitted the
/// built-in pre-survey, nine in ten consent.
/// </summary>
internal static class BenchCohort
{
    private const int Concurrency = 64;

    public static async Task<CohortInfo> CreateAsync(IGrainFactory grains, RosterEnrollment roster, int students)
    {
        var id = $"research-bench-{students}-{Guid.NewGuid().ToString("N")[..6]}";
        var template = ScenarioTemplates.Get("taxi-fares");
        var now = DateTimeOffset.UtcNow;
        await grains.GetGrain<ICohortGrain>(id).CreateAsync(new CohortDefinition("Research bench", template.Id, 1, now.AddMinutes(-10), 1440),
            template.Scenario.Duration);
        var rows = Enumerable.Range(0, students)
            .Select(i => new NumberedRosterRow(i + 1, new RosterRow($"bench-student-{i:D6}", $"Bench Student {i}", $"bench{i}@example.org")))
            .ToList();
        foreach (var chunk in rows.Chunk(2_000))
        {
            if (await roster.EnrollAsync(id, [.. chunk]) is null)
            {
                throw new InvalidOperationException($"Cohort {id} is gone.");
            }
        }

        var answers = BuiltInInstruments.MlopsSkills.Sections.SelectMany(s => s.Items).Select(item => item.Kind switch
        {
            SurveyItemKind.Likert => new SurveyAnswer(item.Id, 3, null, null),
            SurveyItemKind.Single => new SurveyAnswer(item.Id, 1, null, null),
            SurveyItemKind.Multiple => new SurveyAnswer(item.Id, null, [0, 1], null),
            _ => new SurveyAnswer(item.Id, null, null, "More hands-on labs on monitoring, and fewer slides."),
        }).ToImmutableArray();
        var submission = new SurveySubmission("mlops-skills", 1, now, answers);
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (row, _) =>
        {
            var studentId = row.Student.StudentId;
            var shard = grains.GetGrain<ISurveyShardGrain>(SurveyShards.KeyOf(id, studentId));
            await shard.SubmitAsync(studentId, SurveyKind.Pre, submission);
            await shard.SetConsentAsync(studentId, row.Row % 10 != 0);
        });
        return (await grains.GetGrain<ICohortGrain>(id).GetAsync())!;
    }
}
