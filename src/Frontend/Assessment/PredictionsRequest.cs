using System.Text.Json;
using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Frontend.Assessment;

/// <summary>
/// The JSON form of a submission: <c>{"predictions": [{"id": "...", "prediction": ..., "probability": ...}], "model": {...}}</c>,
/// the model optional. Read by the submission reader, which checks every row; this type describes the body for the OpenAPI document.
/// </summary>
public sealed record PredictionsRequest(IReadOnlyList<PredictionsRequest.Row> Predictions, ModelStamp? Model)
{
    /// <summary>One prediction: the row's id, the label or number predicted, and for probability metrics the positive class's probability.</summary>
    public sealed record Row(string Id, JsonElement Prediction, double? Probability);
}
