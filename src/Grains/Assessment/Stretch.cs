namespace PPipe.Grains.Assessment;

/// <summary>Finds the worst stretch of a series: the consecutive run whose excess (how much worse than acceptable
/// each element is, negative when better) adds up to the most.</summary>
internal static class Stretch
{
    /// <summary>First and last index of the run with the largest positive total excess, or null when none is positive.</summary>
    public static (int First, int Last)? Worst(ReadOnlySpan<double> excess)
    {
        double best = 0, running = 0;
        int start = 0, bestFirst = -1, bestLast = -1;
        for (var i = 0; i < excess.Length; i++)
        {
            if (running <= 0)
            {
                running = 0;
                start = i;
            }

            running += excess[i];
            if (running > best)
            {
                best = running;
                bestFirst = start;
                bestLast = i;
            }
        }

        return bestFirst < 0 ? null : (bestFirst, bestLast);
    }
}
