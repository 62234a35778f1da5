namespace PPipe.ReferenceModels;

/// <summary>
/// Bounds what all the fits of one table cost, so a scenario over a large upload is created in about a minute. Work
/// is counted in row-models: each binary or regression model of <see cref="MaxTrees"/> trees costs its training rows
/// plus <see cref="FitOverhead"/>, what growing the trees costs whatever the rows (measured on the development
/// machine, warm: 0.15 s per model plus 12 µs per training row, so a model on 2,000 rows costs hardly less than one
/// on 20,000). When the plan exceeds <see cref="MaxWork"/>, every fit trains on fewer rows (a seeded subsample, never
/// below <see cref="MinRowsPerFit"/>); if that is not enough, a multiclass fit grows models for fewer of its classes
/// (never fewer than 2), and as a last resort every fit grows fewer trees (never fewer than <see cref="MinTrees"/>). Decided from the table's shape only, so it is
/// deterministic.
/// </summary>
internal static class FitBudget
{
    /// <summary>The rows one fit trains on when the budget does not bind.</summary>
    public const int MaxRowsPerFit = 20_000;

    /// <summary>The fewest rows the budget cuts a fit down to.</summary>
    public const int MinRowsPerFit = 2_000;

    /// <summary>A multiclass fit grows one-against-the-rest models for at most this many of its most frequent classes.</summary>
    public const int MaxModelledClasses = 10;

    public const int MaxTrees = 100;

    public const int MinTrees = 20;

    /// <summary>About 30 s of one core on the development machine, cold, with the other engineers' builds running.</summary>
    public const long MaxWork = 1_200_000;

    public const int FitOverhead = 10_000;

    /// <summary>The settings for fits training on <paramref name="trainingSizes"/> rows, each predicting <paramref name="outputs"/> numbers (the class count for multiclass, else 1).</summary>
    public static FitSettings Choose(IReadOnlyList<int> trainingSizes, int outputs)
    {
        var classes = Math.Min(outputs, MaxModelledClasses);
        if (Work(trainingSizes, MaxRowsPerFit, classes) <= MaxWork)
        {
            return new FitSettings(MaxRowsPerFit, classes, MaxTrees);
        }

        while (classes > 2 && Work(trainingSizes, MinRowsPerFit, classes) > MaxWork)
        {
            classes--;
        }

        var least = Work(trainingSizes, MinRowsPerFit, classes);
        if (least > MaxWork)
        {
            return new FitSettings(MinRowsPerFit, classes, (int)Math.Max(MinTrees, MaxTrees * MaxWork / least));
        }

        // The largest cap within the budget: work grows with the cap, so halve the interval until it closes.
        int low = MinRowsPerFit, high = MaxRowsPerFit;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (Work(trainingSizes, middle, classes) <= MaxWork)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return new FitSettings(low, classes, MaxTrees);
    }

    /// <summary>The work of all fits with <see cref="MaxTrees"/> trees; a fit too small for trees costs nothing.</summary>
    internal static long Work(IReadOnlyList<int> trainingSizes, int rowsPerFit, int models)
    {
        long work = 0;
        foreach (var size in trainingSizes)
        {
            if (size >= TreeFitter.MinTrainingRows)
            {
                work += (long)models * (Math.Min(size, rowsPerFit) + FitOverhead);
            }
        }

        return work;
    }
}
