namespace PPipe.Simulation.Students;

/// <summary>One attempt to file an incident report: when, the report, the platform's status code (201 filed) and, when it
/// was refused, the response body.</summary>
public sealed record ReportFiling(DateTimeOffset At, IncidentReport Report, int Status, string? Problem)
{
    public bool Filed => Status is >= 200 and < 300;
}
