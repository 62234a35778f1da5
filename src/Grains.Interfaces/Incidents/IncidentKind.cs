using System.Text.Json.Serialization;

namespace PPipe.Grains.Interfaces.Incidents;

/// <summary>What a student says they saw. The API spells them <c>drift</c>, <c>data-quality</c>, <c>outage</c>, <c>other</c>.</summary>
[GenerateSerializer, Alias("ppipe.IncidentKind")]
public enum IncidentKind
{
    /// <summary>The world changed: what the data look like, or how the target depends on them.</summary>
    [JsonStringEnumMemberName("drift")]
    Drift,

    /// <summary>The data arriving are not clean: missing values, duplicates, wrong labels, a changed schema, late rows.</summary>
    [JsonStringEnumMemberName("data-quality")]
    DataQuality,

    /// <summary>A delivery channel stopped delivering.</summary>
    [JsonStringEnumMemberName("outage")]
    Outage,

    /// <summary>Anything else worth writing down; never matched to an event and never a false alarm.</summary>
    [JsonStringEnumMemberName("other")]
    Other,
}
