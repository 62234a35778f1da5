using PPipe.Scenarios.Generation;

namespace PPipe.ReferenceModels.Tests;

/// <summary>The tests' own scoring of reference predictions, independent of the trainer's summaries.</summary>
internal static class Score
{
    public static double Accuracy(ConceptOutput[] outputs, double[] target, IEnumerable<int> rows)
    {
        var list = rows.ToList();
        return list.Count(r => outputs[r].Class == (int)target[r]) / (double)list.Count;
    }

    public static double RSquared(ConceptOutput[] outputs, double[] target, IEnumerable<int> rows)
    {
        var list = rows.ToList();
        var mean = list.Average(r => target[r]);
        var residual = list.Sum(r => (target[r] - outputs[r].Value) * (target[r] - outputs[r].Value));
        var total = list.Sum(r => (target[r] - mean) * (target[r] - mean));
        return 1 - residual / total;
    }

    public static IEnumerable<int> Period(ReferenceTable table, int period) =>
        Enumerable.Range(0, table.Target.Length).Where(r => table.Period[r] == period);
}
