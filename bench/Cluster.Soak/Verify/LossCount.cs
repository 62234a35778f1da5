namespace PPipe.Cluster.Soak.Verify;

/// <summary>
/// One kind of acknowledged work checked after the run: how many acknowledgements were checked, how many the
/// platform lost, how many could not be checked (a read failed) and a few examples of each problem.
/// </summary>
public sealed record LossCount(string Kind, long Checked, long Lost, long Unverifiable, IReadOnlyList<string> Examples, string Note);
