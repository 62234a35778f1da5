using PPipe.Scenarios;
using PPipe.Simulation.Students;

namespace PPipe.Simulation.Tests.Students;

/// <summary>What a student's program reads from <c>GET /api/v1/me</c>.</summary>
public sealed class StudentEnrollmentTests
{
    private const string Me = """
        {"enrollmentId": "c1/s1",
         "scenario": {"id": "over-cancer", "task": "binary", "target": "diagnosis", "metric": "logLoss", "classes": ["0", "1"], %POSITIVE%},
         "clock": {"now": "2026-12-01T10:00:00Z", "scenarioNow": "2026-12-02T00:00:00Z", "speed": 140, "startsAt": "2026-12-01T09:50:00Z"}}
        """;

    [Fact]
    public void Parse_BinaryScenario_ReadsThePositiveClassThePlatformScores()
    {
        var enrollment = StudentEnrollment.Parse(Me.Replace("%POSITIVE%", "\"positiveClass\": \"1\"", StringComparison.Ordinal));

        Assert.Equal(ScenarioTask.Binary, enrollment.Task);
        Assert.Equal("diagnosis", enrollment.Target);
        Assert.Equal(Metric.LogLoss, enrollment.Metric);
        Assert.Equal("1", enrollment.PositiveClass);
    }

    [Fact]
    public void Parse_NoPositiveClass_Null()
    {
        var enrollment = StudentEnrollment.Parse(Me.Replace("%POSITIVE%", "\"positiveClass\": null", StringComparison.Ordinal));

        Assert.Null(enrollment.PositiveClass);
    }
}
