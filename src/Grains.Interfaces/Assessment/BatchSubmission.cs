namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>
/// A validated submission for one batch: predictions aligned to the batch's ids in batch order, in the form
/// metrics take (class index or value), the positive-class probabilities when the student gave them, and the model the
/// student said made them, when they said.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.BatchSubmission")]
public sealed record BatchSubmission(double[] Predictions, double[]? Probabilities, ModelStamp? Model = null);
