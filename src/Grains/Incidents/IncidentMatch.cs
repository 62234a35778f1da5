namespace PPipe.Grains.Incidents;

/// <summary>The reports that matched one injected event: when the first was filed (scenario time) and how many did.</summary>
[GenerateSerializer, Alias("ppipe.IncidentMatch")]
internal sealed class IncidentMatch
{
    /// <summary>The event's <see cref="InjectedIncident.Index"/>.</summary>
    [Id(0)] public int Event { get; set; }

    [Id(1)] public TimeSpan FirstReportAt { get; set; }

    [Id(2)] public int Reports { get; set; }
}
