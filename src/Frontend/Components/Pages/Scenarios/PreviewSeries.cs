namespace PPipe.Frontend.Components.Pages.Scenarios;

/// <summary>One line of a preview chart: a value per time point, null where the sample has none (every value missing).</summary>
public sealed record PreviewSeries(string Name, double?[] Values)
{
    /// <summary>The values with each gap holding the value before it (the first known value for leading gaps), as a line chart needs.</summary>
    public double[] Filled()
    {
        var filled = new double[Values.Length];
        var last = Values.FirstOrDefault(v => v is not null) ?? 0;
        for (var i = 0; i < Values.Length; i++)
        {
            last = Values[i] ?? last;
            filled[i] = last;
        }

        return filled;
    }
}
