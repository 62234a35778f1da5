using System.Text.Json.Serialization;

namespace PPipe.Scenarios.Assessment;

/// <summary>What a <see cref="SubmissionError"/> is about.</summary>
public enum SubmissionField
{
    /// <summary>The body as a whole: empty, malformed, ids missing, a required column absent.</summary>
    Body,

    /// <summary>The CSV header line.</summary>
    Header,

    /// <summary>A row as a whole: its column count, its shape, an unknown JSON field.</summary>
    Row,

    Id,
    Prediction,
    Probability,

    /// <summary>The <c>model</c> a submission names (<see cref="ModelClaim"/>) as a whole: its shape, an unknown field, given twice. Its fields are spelled as in JSON: <c>model.version</c>.</summary>
    Model,

    [JsonStringEnumMemberName("model.version")]
    ModelVersion,

    [JsonStringEnumMemberName("model.trainedThrough")]
    ModelTrainedThrough,

    [JsonStringEnumMemberName("model.digest")]
    ModelDigest,
}
