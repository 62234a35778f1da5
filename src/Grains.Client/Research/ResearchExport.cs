using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;
using PPipe.Grains.Client.Surveys;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Research;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Scenarios;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Scenarios.Surveys;
using PPipe.Scenarios.Templates;

namespace PPipe.Grains.Client.Research;

/// <summary>
/// Writes a cohort's research export as a zip: survey answers, grades and daily activity of the students who consent when it
/// runs (removed students left out), each under a pseudonym of the study, then the scenario spec and the data dictionary.
/// <para>
/// Memory stays flat whatever the cohort's size: the export walks the cohort roster page by roster page (a page's students are in
/// two known survey shards), asks the page's enrollments with bounded concurrency, and writes rows as they come. The answers go
/// straight into the zip while the other tables, which come from the same walk, wait in temporary files that are copied in after
/// it; in Parquet every table does, since Parquet needs a seekable file. Temporary files are deleted when closed.
/// </para>
/// </summary>
public sealed class ResearchExport(IGrainFactory grains, SurveyInstrumentCatalog instruments)
{
    /// <summary>Enrollments asked at once while exporting.</summary>
    public const int EnrollmentConcurrency = 32;

    /// <summary>The pseudonyms of a study: the cohort's own when <paramref name="study"/> is null. Makes the study's secret on first use.</summary>
    public async Task<Pseudonyms> PseudonymsAsync(string cohortId, string? study) =>
        new((await grains.GetGrain<IStudyKeyGrain>(study is null ? IStudyKeyGrain.KeyOfCohort(cohortId) : IStudyKeyGrain.KeyOfStudy(study))
            .GetSecretAsync()).AsSpan());

    /// <summary>The spec text of the cohort's scenario version (a built-in template's own YAML).</summary>
    public async Task<string> ScenarioSpecAsync(CohortInfo cohort) =>
        ScenarioTemplates.TryGet(cohort.ScenarioId, out var template) && cohort.Version == 1
            ? template.Yaml
            : (await grains.GetGrain<IScenarioGrain>(cohort.ScenarioId).GetVersionAsync(cohort.Version))?.SpecText ?? "";

    /// <summary>Writes the export onto <paramref name="output"/> (left open); answers how many students are in it.</summary>
    public async Task<int> WriteAsync(CohortInfo cohort, Pseudonyms pseudonyms, ResearchFormat format, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        var students = 0;
        await using var drained = new DrainedStream(output);
        await using (var zip = await ZipArchive.CreateAsync(drained, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
        {
            await using var answersSpill = format == ResearchFormat.Parquet ? Spill() : null;
            await using var gradesSpill = Spill();
            await using var activitySpill = Spill();
            await using (var answersEntry = answersSpill is null ? await zip.CreateEntry(ResearchTables.SurveyAnswers.FileName(format)).OpenAsync(ct) : null)
            {
                await using var answers = await ResearchTableWriter.CreateAsync(ResearchTables.SurveyAnswers, format, answersSpill ?? answersEntry!, ct);
                await using var grades = await ResearchTableWriter.CreateAsync(ResearchTables.Grades, format, gradesSpill, ct);
                await using var activity = await ResearchTableWriter.CreateAsync(ResearchTables.DailyActivity, format, activitySpill, ct);
                for (var page = 0; page < RosterPages.Count; page++)
                {
                    students += await WritePageAsync(cohort.Id, page, pseudonyms, answers, grades, activity, ct);
                }

                await answers.CompleteAsync(ct);
                await grades.CompleteAsync(ct);
                await activity.CompleteAsync(ct);
            }

            await drained.DrainAsync(ct);

            if (answersSpill is not null)
            {
                await CopyAsync(zip, ResearchTables.SurveyAnswers.FileName(format), answersSpill, ct);
                await drained.DrainAsync(ct);
            }

            await CopyAsync(zip, ResearchTables.Grades.FileName(format), gradesSpill, ct);
            await drained.DrainAsync(ct);
            await CopyAsync(zip, ResearchTables.DailyActivity.FileName(format), activitySpill, ct);
            await drained.DrainAsync(ct);

            await using (var spec = await zip.CreateEntry(ResearchTables.ScenarioFile).OpenAsync(ct))
            await using (var text = new StreamWriter(spec, leaveOpen: true))
            {
                await text.WriteAsync(await ScenarioSpecAsync(cohort));
            }

            await drained.DrainAsync(ct);

            await using (var dictionaryEntry = await zip.CreateEntry(ResearchTables.Dictionary.FileName(ResearchFormat.Csv)).OpenAsync(ct))
            await using (var dictionary = await ResearchTableWriter.CreateAsync(ResearchTables.Dictionary, ResearchFormat.Csv, dictionaryEntry, ct))
            {
                foreach (var row in ResearchTables.DictionaryRows(format))
                {
                    await dictionary.WriteAsync(row, ct);
                }

                await dictionary.CompleteAsync(ct);
            }
        }

        await drained.DrainAsync(ct);
        return students;
    }

    /// <summary>
    /// One roster page: its students who are enrolled and consent now, their answers from the page's two survey shards (a student's
    /// shard and page come from the same hash, so shard n and n + 64 hold exactly page n's students), then their enrollments.
    /// </summary>
    private async Task<int> WritePageAsync(string cohortId, int page, Pseudonyms pseudonyms,
        ResearchTableWriter answers, ResearchTableWriter grades, ResearchTableWriter activity, CancellationToken ct)
    {
        var rosterTask = grains.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(cohortId, page)).ListAsync();
        var lowTask = grains.GetGrain<ISurveyShardGrain>(SurveyShards.KeyOf(cohortId, page)).RowsAsync();
        var highTask = grains.GetGrain<ISurveyShardGrain>(SurveyShards.KeyOf(cohortId, page + RosterPages.Count)).RowsAsync();
        var roster = await rosterTask;
        var rows = (await lowTask).Concat(await highTask).ToDictionary(r => r.StudentId, StringComparer.Ordinal);
        var consenting = roster
            .Where(s => !s.IsRemoved && rows.TryGetValue(s.StudentId, out var row) && row.Consent is { Given: true })
            .Select(s => (Row: rows[s.StudentId], Pseudonym: pseudonyms.Of(s.StudentId)))
            .ToList();

        foreach (var (row, pseudonym) in consenting)
        {
            await WriteAnswersAsync(answers, pseudonym, "pre", row.Pre, ct);
            await WriteAnswersAsync(answers, pseudonym, "post", row.Post, ct);
        }

        var records = new ResearchRecord?[consenting.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, consenting.Count),
            new ParallelOptions { MaxDegreeOfParallelism = EnrollmentConcurrency, CancellationToken = ct },
            async (i, _) => records[i] = await grains.GetGrain<IEnrollmentGrain>(new EnrollmentKey(cohortId, consenting[i].Row.StudentId).ToString())
                .GetResearchRecordAsync());

        for (var i = 0; i < consenting.Count; i++)
        {
            if (records[i] is not { } record)
            {
                continue;
            }

            var pseudonym = consenting[i].Pseudonym;
            var grade = record.Grade;
            await grades.WriteAsync([pseudonym, "overall", null, grade.OverallScore, grade.OverallLevel, grade.AsOf], ct);
            foreach (var criterion in grade.Criteria)
            {
                await grades.WriteAsync([pseudonym, criterion.Name, criterion.Weight, criterion.Score, criterion.Level, grade.AsOf], ct);
            }

            foreach (var day in record.Days)
            {
                await activity.WriteAsync([pseudonym, day.Day, day.Fetches, day.BatchesDue, day.BatchesSubmitted, day.Submissions,
                    day.BatchesScored, day.MeanRelativeScore, day.Probes, day.ProbesFailed, day.OverallScore, day.OverallLevel], ct);
            }
        }

        return consenting.Count;
    }

    private async Task WriteAnswersAsync(ResearchTableWriter answers, string pseudonym, string survey, SurveySubmission? submission, CancellationToken ct)
    {
        if (submission is null || await instruments.FindAsync(submission.InstrumentId, submission.Version) is not { } instrument)
        {
            return;
        }

        foreach (var answer in submission.Answers)
        {
            // Every stored answer was checked against its instrument version, which never changes: its item is there.
            if (!instrument.Items.TryGetValue(answer.ItemId, out var item))
            {
                continue;
            }

            await answers.WriteAsync([pseudonym, survey, submission.InstrumentId, submission.Version, item.Id, item.Competence,
                KindOf(item.Kind), AnswerText(answer), Correct(item, answer), submission.SubmittedAt], ct);
        }
    }

    private static string KindOf(SurveyItemKind kind) => kind.ToString().ToLowerInvariant();

    private static string AnswerText(SurveyAnswer answer) =>
        answer.Number is { } n ? n.ToString(CultureInfo.InvariantCulture)
        : answer.Choices is { } choices ? string.Join(';', choices.Order().Select(c => c.ToString(CultureInfo.InvariantCulture)))
        : answer.Text ?? "";

    private static bool? Correct(SurveyItem item, SurveyAnswer answer) => item.Kind switch
    {
        _ when item.Key.IsDefaultOrEmpty => null,
        SurveyItemKind.Single => answer.Number == item.Key[0],
        SurveyItemKind.Multiple => answer.Choices is { } choices && choices.ToImmutableSortedSet().SetEquals(item.Key),
        _ => null,
    };

    private static FileStream Spill() => new(Path.Combine(Path.GetTempPath(), "ppipe-research-" + Guid.NewGuid().ToString("N")),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    private static async Task CopyAsync(ZipArchive zip, string name, FileStream spill, CancellationToken ct)
    {
        spill.Position = 0;
        await using var entry = await zip.CreateEntry(name).OpenAsync(ct);
        await spill.CopyToAsync(entry, ct);
    }
}
