namespace PPipe.Grains.Interfaces.Assessment;

/// <summary>
/// A validated submission for one batch: predictions aligned to the batch's ids in batch order, in the form
/// metrics take (class index or value), and the positive-class probabilities when the student gave them.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.BatchSubmission")]
public sealed record BatchSubmission(double[] Predictions, double[]? Probabilities);
