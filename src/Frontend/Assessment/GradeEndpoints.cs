using PPipe.Grains.Client.Cohorts;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Frontend.Api;
using PPipe.Scenarios;
using PPipe.Scenarios.Spec;
using PPipe.Grains.Client.Scenarios;
using PPipe.Grains.Client.Releases;

namespace PPipe.Frontend.Assessment;

/// <summary>The instructors' view of grades: the grades CSV, the leaderboard, copy flags, deadline extensions.</summary>
public static class GradeEndpoints
{
    /// <summary>Enrollments asked for their grade at once while writing the grades CSV.</summary>
    private const int GradeConcurrency = 32;

    public static RouteGroupBuilder MapGradeEndpoints(this RouteGroupBuilder admin)
    {
        var cohorts = admin.MapGroup("/cohorts");
        cohorts.MapGet("/{id}/grades.csv", GradesCsvAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Grades as CSV")
            .WithDescription("One row per student: studentId, name, email, the overall score and level, every criterion's score, " +
                "level and feedback (the criteria the cohort grades), the cohort's gradingPolicy, overallFeedback (which criteria capped " +
                "the level under all-proficient), copy flags, asOf and status (enrolled, or removed for a student the instructor removed, " +
                "whose data is kept). Streamed roster page by roster page.");
        cohorts.MapGet("/{id}/leaderboard", LeaderboardAsync)
            .WithSummary("Leaderboard")
            .WithDescription("The top students (top from 1 to 100, default 20) by overall score; only Proficient or above are ranked.");
        cohorts.MapGet("/{id}/flags", FlagsAsync)
            .WithSummary("Copy flags")
            .WithDescription("Pairs of students whose predictions for a batch agree more than chance allows.");
        cohorts.MapPut("/{id}/students/{studentId}/extension", ExtendAsync)
            .DescribesBody<ExtensionRequest>("application/json")
            .WithSummary("Extend a student's deadlines")
            .WithDescription("Body {\"extension\": \"12h\"}: a scenario duration added to every due time of the student (0s removes it). " +
                "409 for a removed student.");
        return admin;
    }

    /// <summary>
    /// One row per student with every criterion's score, level and feedback, whether the student is enrolled or was
    /// removed, and the cohort's grading policy with what it did to the student's level. Streamed roster page by roster page,
    /// so a 10,000-student cohort never sits in memory at once.
    /// </summary>
    public static async Task GradesCsvAsync(string id, HttpContext http, IGrainFactory grains, ScenarioCatalog scenarios)
    {
        if (await grains.GetGrain<ICohortGrain>(id).GetAsync() is not { } cohort)
        {
            await ApiProblems.NotFound($"There is no cohort '{id}'.").ExecuteAsync(http);
            return;
        }

        var grading = scenarios.GradingOf(cohort, await scenarios.GetAsync(cohort.ScenarioId, cohort.Version));
        var criteria = grading.Rubric.Criteria.Select(c => ScenarioNames.Of(c.Criterion)).ToList();
        var policy = CourseGrading.NameOf(grading.Policy);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{id}-grades.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in (string[])["studentId", "name", "email", "overallScore", "overallLevel"])
        {
            csv.WriteField(header);
        }

        foreach (var criterion in criteria)
        {
            csv.WriteField(criterion + "Score");
            csv.WriteField(criterion + "Level");
            csv.WriteField(criterion + "Feedback");
        }

        // After the criteria, so the header still starts with the overall score and level and ends with status.
        csv.WriteField("gradingPolicy");
        csv.WriteField("overallFeedback");
        csv.WriteField("copyFlags");
        csv.WriteField("asOf");
        csv.WriteField("status");
        await csv.NextRecordAsync();

        for (var page = 0; page < RosterPages.Count; page++)
        {
            var students = await grains.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(id, page)).ListAsync();
            var rows = new (GradeReport Grade, EnrollmentSnapshot? Snapshot)[students.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, students.Length),
                new ParallelOptions { MaxDegreeOfParallelism = GradeConcurrency, CancellationToken = http.RequestAborted },
                async (i, _) =>
                {
                    var enrollment = grains.GetGrain<IEnrollmentGrain>(new EnrollmentKey(id, students[i].StudentId).ToString());
                    rows[i] = (await enrollment.GetGradeAsync(), await enrollment.GetAsync());
                });

            for (var i = 0; i < students.Length; i++)
            {
                var (grade, snapshot) = rows[i];
                csv.WriteField(students[i].StudentId);
                csv.WriteField(students[i].Name);
                csv.WriteField(students[i].Email);
                csv.WriteField(Number(grade.OverallScore));
                csv.WriteField(grade.OverallLevel ?? "");
                foreach (var criterion in criteria)
                {
                    var found = grade.Criteria.FirstOrDefault(c => c.Name == criterion);
                    csv.WriteField(Number(found?.Score));
                    csv.WriteField(found?.Level ?? "");
                    csv.WriteField(found?.Feedback ?? "");
                }

                csv.WriteField(policy);
                csv.WriteField(grade.OverallFeedback ?? "");
                csv.WriteField((snapshot?.CopyFlags ?? 0).ToString(CultureInfo.InvariantCulture));
                csv.WriteField(grade.AsOf.ToString("O", CultureInfo.InvariantCulture));
                csv.WriteField(students[i].IsRemoved ? "removed" : "enrolled");
                await csv.NextRecordAsync();
            }

            await csv.FlushAsync();
        }
    }

    private static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "";

    private static async Task<Results<Ok<LeaderboardResponse>, NotFoundProblem, InvalidProblem>> LeaderboardAsync(string id, IGrainFactory grains,
        CohortSummaries summaries, string? top)
    {
        var count = 20;
        if (top is not null && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 100))
        {
            return ApiProblems.Invalid("The top count is not valid.", "top", "top must be a whole number from 1 to 100.");
        }

        var cohort = grains.GetGrain<ICohortGrain>(id);
        if (await cohort.GetAsync() is null)
        {
            return ApiProblems.NotFound($"There is no cohort '{id}'.");
        }

        var entries = await summaries.LeaderboardAsync(id, count);
        return TypedResults.Ok(new LeaderboardResponse(
            [.. entries.Select((e, i) => new LeaderboardResponse.RankedStudent(i + 1, e.StudentId, e.Name, e.Score, GradeResponse.LevelOf(e.Level)!.Value))],
            "Only students at Proficient or above are ranked."));
    }

    private static async Task<Results<Ok<IReadOnlyList<CopyFlagView>>, NotFoundProblem>> FlagsAsync(string id, IGrainFactory grains)
    {
        if (await grains.GetGrain<ICohortGrain>(id).GetAsync() is null)
        {
            return ApiProblems.NotFound($"There is no cohort '{id}'.");
        }

        var flags = await grains.GetGrain<ICohortFlagsGrain>(id).ListAsync();
        return TypedResults.Ok<IReadOnlyList<CopyFlagView>>([.. flags.Select(f =>
            new CopyFlagView(f.Batch, [f.StudentId, f.OtherStudentId], Math.Round(f.Agreement, 3), f.At))]);
    }

    private static async Task<Results<Ok<ExtensionResponse>, NotFoundProblem, InvalidProblem, ConflictProblem>> ExtendAsync(string id, string studentId, HttpRequest request, IGrainFactory grains)
    {
        ExtensionRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<ExtensionRequest>(ApiJson.Options);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return ApiProblems.Invalid("The extension is not valid.", "body", "Send {\"extension\": \"12h\"} as application/json (a scenario duration such as 30m, 12h or 2d; 0s removes it).");
        }

        if (!TryReadExtension(body?.Extension, out var extension))
        {
            return ApiProblems.Invalid("The extension is not valid.", "extension", ExtensionFormat);
        }

        var enrollment = grains.GetGrain<IEnrollmentGrain>(new EnrollmentKey(id, studentId).ToString());
        switch (await enrollment.GetAsync())
        {
            case null:
                return ApiProblems.NotFound($"There is no student '{studentId}' in cohort '{id}'.");
            case { RemovedAt: { } removedAt }:
                return ApiProblems.Conflict("The student was removed.",
                    $"Student '{studentId}' was removed from this cohort on {removedAt:yyyy-MM-dd HH:mm} UTC; nothing runs for them any more.");
        }

        await enrollment.SetExtensionAsync(extension);
        return TypedResults.Ok(new ExtensionResponse(studentId, ScenarioDuration.Format(extension)));
    }

    /// <summary>What an extension must look like, for error messages.</summary>
    public const string ExtensionFormat = "extension must be a scenario duration such as 30m, 12h or 2d (0s removes it).";

    /// <summary>Reads a deadline extension: a non-negative scenario duration.</summary>
    public static bool TryReadExtension(string? text, out TimeSpan extension) =>
        ScenarioDuration.TryParse(text, out extension) && extension >= TimeSpan.Zero;
}
