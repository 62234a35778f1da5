namespace PPipe.Scenarios.Assessment;

/// <summary>Two submissions (by their index in the list given to <see cref="CopyDetection.Candidates"/>,
/// <see cref="First"/> &lt; <see cref="Second"/>) that share <see cref="SharedBands"/> band signatures.</summary>
public sealed record CopyCandidate(int First, int Second, int SharedBands);
