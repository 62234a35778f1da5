using PPipe.Grains.Client.Roster;
using PPipe.Grains.Client.Scenarios;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Scenarios;

namespace PPipe.TestSupport;

/// <summary>Scenarios and cohorts as instructors make them, through the grains, under fresh ids.</summary>
public static class TestCohorts
{
    /// <summary>A fresh grain key: <paramref name="prefix"/> and twelve hex digits, as the platform makes them.</summary>
    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Uploads <paramref name="spec"/> as version 1 of a new scenario and returns its id; an invalid spec fails with its problems.</summary>
    public static async Task<string> UploadScenarioAsync(IClusterClient client, string spec)
    {
        var scenarioId = NewId("s-");
        var version = await client.GetGrain<IScenarioGrain>(scenarioId).AddVersionAsync(spec);
        return version.Version == 1
            ? scenarioId
            : throw new InvalidOperationException("The test scenario is not valid: " + string.Join("; ", version.Errors));
    }

    /// <summary>
    /// Creates a cohort of version 1 of <paramref name="scenarioId"/>, graded as <paramref name="grading"/> says (null: as the
    /// scenario says), and enrolls <paramref name="roster"/>, which must all be accepted; returns the cohort's id and each
    /// student's enrollment key and token, in roster order.
    /// </summary>
    public static async Task<(string CohortId, (EnrollmentKey Key, string Token)[] Students)> CreateAsync(
        IClusterClient client, string scenarioId, DateTimeOffset startsAt, double speed, IEnumerable<RosterRow> roster, string name = "Spring cohort",
        CohortGrading? grading = null)
    {
        var scenario = await new ScenarioCatalog(client).GetAsync(scenarioId, 1);
        var cohortId = NewId("c-");
        var cohort = client.GetGrain<ICohortGrain>(cohortId);
        if (!await cohort.CreateAsync(new CohortDefinition(name, scenarioId, 1, startsAt, speed, Grading: grading), scenario.Duration))
        {
            throw new InvalidOperationException($"Cohort '{cohortId}' exists already.");
        }

        var outcomes = await new RosterEnrollment(client).EnrollAsync(cohortId, [.. roster.Select((row, i) => new NumberedRosterRow(i + 1, row))])
            ?? throw new InvalidOperationException($"Cohort '{cohortId}' was not found right after it was created.");
        if (outcomes.FirstOrDefault(o => o.Error is not null) is { } refused)
        {
            throw new InvalidOperationException($"Row {refused.Row} of the test roster was refused: {refused.Error}");
        }

        return (cohortId, [.. outcomes.OrderBy(o => o.Row).Select(o => (new EnrollmentKey(cohortId, o.StudentId), o.Token!))]);
    }

    /// <summary>A roster row for student <paramref name="studentId"/>, named after the id (capitalized).</summary>
    public static RosterRow Student(string studentId) =>
        new(studentId, char.ToUpperInvariant(studentId[0]) + studentId[1..], $"{studentId}@example.org");
}
