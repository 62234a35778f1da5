using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Assessment;

/// <summary>
/// Finds students who submit another student's predictions. Every student of a cohort gets different rows
/// under the same ids, so honest students' predictions for an id are independent draws, while a copy agrees
/// with its source far beyond chance. Rows of a batch are in time order and share their time across students
/// (row 45 of everyone's batch 2 is at about the same moment), so time effects make honest predictions agree
/// somewhat: up to 0.43 raw correlation on energy demand's daily cycle, 0.07 once a moving mean is taken out,
/// which the correlation of numbers does. Labels showed no such effect on the templates (kappa within ±0.07).
/// <para>
/// Two steps: <see cref="Bands(ScenarioTask, BatchPredictions, int, int)"/> and <see cref="Candidates"/> find
/// pairs worth checking among thousands of submissions without comparing all pairs;
/// <see cref="Agreement(ScenarioTask, BatchPredictions, BatchPredictions)"/> and
/// <see cref="IsSuspicious(double?, double)"/> check a pair.
/// </para>
/// </summary>
public static class CopyDetection
{
    /// <summary>Fewer rows than this say too little: the agreement is then undefined.</summary>
    public const int MinRows = 30;

    /// <summary>
    /// High, because a flag accuses a student. Honest pairs on the built-in templates' batches stay within
    /// ±0.1; an exact copy is 1; a copy of the imbalanced predictive-maintenance labels with 3% of them changed
    /// is 0.85 (kappa falls fast on imbalanced labels: with 5% changed it is 0.74); a copy of numbers with
    /// noise of a fifth of their spread added is 0.95 to 0.98.
    /// </summary>
    public const double DefaultThreshold = 0.8;

    public const int DefaultBandRows = 16;

    public const int DefaultSignificantDigits = 3;

    // Half the width of the moving window whose mean is taken out of numeric predictions: wide enough to
    // average out rows, narrow enough to follow a daily cycle through a day's batch.
    private const int DetrendRadius = 8;

    // Powers of ten from 1e-60 to 1e60, built by IEEE multiplication and division so they are the same on every
    // machine; rounding to significant digits needs 1e-45 to 1e31.
    private const int MaxExponent = 60;

    private static readonly double[] PowersOfTen = BuildPowersOfTen();

    /// <summary>
    /// How far two students' predictions for the same ids agree beyond chance, from -1 to 1 (0: independent,
    /// 1: identical), or null when undefined: fewer than <see cref="MinRows"/> rows, or either student's
    /// predictions constant. Class indices (classification) are compared with Cohen's kappa: the observed
    /// agreement against the agreement expected from the two students' label frequencies. Numbers
    /// (regression values or probabilities) with Pearson's correlation of what is left after removing a
    /// moving mean over ±8 rows, which takes out what the rows share through their time.
    /// </summary>
    public static double? Agreement(ScenarioTask task, ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        if (first.Length != second.Length)
        {
            throw new ArgumentException($"{first.Length} predictions against {second.Length}: align them by id first.", nameof(second));
        }

        if (first.Length < MinRows || IsConstant(first) || IsConstant(second))
        {
            return null;
        }

        return task.IsNumeric() ? DetrendedCorrelation(first, second) : Kappa(first, second);
    }

    /// <summary>
    /// <see cref="Agreement(ScenarioTask, ReadOnlySpan{double}, ReadOnlySpan{double})"/> of two submissions of
    /// the same batch: on their probabilities when both gave them (they tell far more than labels, and labels
    /// are often all the majority class), otherwise on their predictions.
    /// </summary>
    public static double? Agreement(ScenarioTask task, BatchPredictions first, BatchPredictions second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return first.Probabilities is { } p && second.Probabilities is { } q
            ? Agreement(ScenarioTask.Regression, p, q)
            : Agreement(task, first.Predictions, second.Predictions);
    }

    /// <summary>True when an agreement is defined and at least <paramref name="threshold"/>.</summary>
    public static bool IsSuspicious(double? agreement, double threshold = DefaultThreshold) => agreement >= threshold;

    /// <summary>
    /// Signatures of a submission's predictions (aligned with the batch's ids) for finding candidate copies:
    /// one per full band of <paramref name="bandRows"/> consecutive rows, a deterministic 64-bit hash of its
    /// values (class indices; numbers rounded to <paramref name="significantDigits"/> significant digits).
    /// Bands whose values are all equal are left out: every student with a constant stretch would share them.
    /// A copy shares nearly every band with its source (a copy with noise shares the bands the noise missed);
    /// honest submissions share almost none.
    /// </summary>
    public static IReadOnlyList<BandSignature> Bands(
        ScenarioTask task,
        ReadOnlySpan<double> predictions,
        int bandRows = DefaultBandRows,
        int significantDigits = DefaultSignificantDigits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bandRows, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(significantDigits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(significantDigits, 15);
        var signatures = new List<BandSignature>(predictions.Length / bandRows);
        for (var band = 0; (band + 1) * bandRows <= predictions.Length; band++)
        {
            var values = predictions.Slice(band * bandRows, bandRows);
            if (IsConstant(values))
            {
                continue;
            }

            var hash = RowRandom.KeyOf((ulong)bandRows, (ulong)significantDigits);
            foreach (var value in values)
            {
                hash = RowRandom.KeyOf(hash, task.IsNumeric() ? Rounded(value, significantDigits) : (ulong)(long)value);
            }

            signatures.Add(new BandSignature(band, hash));
        }

        return signatures;
    }

    /// <summary>
    /// <see cref="Bands(ScenarioTask, ReadOnlySpan{double}, int, int)"/> of a submission: of its probabilities
    /// when it gave them, otherwise of its predictions. Compare signatures of submissions of the same kind.
    /// </summary>
    public static IReadOnlyList<BandSignature> Bands(
        ScenarioTask task,
        BatchPredictions predictions,
        int bandRows = DefaultBandRows,
        int significantDigits = DefaultSignificantDigits)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        return predictions.Probabilities is { } probabilities
            ? Bands(ScenarioTask.Regression, probabilities, bandRows, significantDigits)
            : Bands(task, predictions.Predictions, bandRows, significantDigits);
    }

    /// <summary>
    /// Pairs of submissions (by index in <paramref name="submissions"/>, each the <see cref="Bands(ScenarioTask, BatchPredictions, int, int)"/> of one
    /// student's submission to the same batch) sharing at least <paramref name="minSharedBands"/> signatures,
    /// most shared first. A signature shared by more than <paramref name="maxSharers"/> students is a common
    /// pattern, not evidence, and is ignored; that also keeps the work near linear in the number of students.
    /// Check each candidate with <see cref="Agreement(ScenarioTask, BatchPredictions, BatchPredictions)"/>.
    /// </summary>
    public static IReadOnlyList<CopyCandidate> Candidates(
        IReadOnlyList<IReadOnlyList<BandSignature>> submissions,
        int minSharedBands = 3,
        int maxSharers = 50)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSharedBands, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSharers, 2);
        var sharers = new Dictionary<BandSignature, List<int>>();
        for (var student = 0; student < submissions.Count; student++)
        {
            foreach (var signature in submissions[student])
            {
                if (!sharers.TryGetValue(signature, out var list))
                {
                    sharers[signature] = list = new List<int>(1);
                }

                list.Add(student);
            }
        }

        var shared = new Dictionary<(int, int), int>();
        foreach (var list in sharers.Values)
        {
            if (list.Count < 2 || list.Count > maxSharers)
            {
                continue;
            }

            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    var pair = (Math.Min(list[i], list[j]), Math.Max(list[i], list[j]));
                    shared[pair] = shared.GetValueOrDefault(pair) + 1;
                }
            }
        }

        var candidates = new List<CopyCandidate>();
        foreach (var ((first, second), count) in shared)
        {
            if (count >= minSharedBands)
            {
                candidates.Add(new CopyCandidate(first, second, count));
            }
        }

        candidates.Sort((x, y) => x.SharedBands != y.SharedBands
            ? y.SharedBands.CompareTo(x.SharedBands)
            : x.First != y.First ? x.First.CompareTo(y.First) : x.Second.CompareTo(y.Second));
        return candidates;
    }

    private static bool IsConstant(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (value != values[0])
            {
                return false;
            }
        }

        return true;
    }

    private static double? Kappa(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        var classes = 0;
        for (var i = 0; i < first.Length; i++)
        {
            classes = Math.Max(classes, Math.Max(ClassOf(first[i]), ClassOf(second[i])) + 1);
        }

        var firstCounts = new int[classes];
        var secondCounts = new int[classes];
        var agreed = 0;
        for (var i = 0; i < first.Length; i++)
        {
            var (a, b) = ((int)first[i], (int)second[i]);
            firstCounts[a]++;
            secondCounts[b]++;
            agreed += a == b ? 1 : 0;
        }

        double n = first.Length;
        var chance = 0.0;
        for (var k = 0; k < classes; k++)
        {
            chance += firstCounts[k] / n * (secondCounts[k] / n);
        }

        return chance >= 1 ? null : (agreed / n - chance) / (1 - chance);
    }

    private static int ClassOf(double value) =>
        value >= 0 && value == Math.Floor(value) && value < int.MaxValue
            ? (int)value
            : throw new ArgumentException($"{value} is not a class index.", nameof(value));

    /// <summary>Pearson's correlation of the two series minus their centred moving means, in one pass.</summary>
    private static double? DetrendedCorrelation(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        var n = first.Length;
        double windowFirst = 0, windowSecond = 0;
        var high = Math.Min(DetrendRadius, n - 1);
        for (var j = 0; j <= high; j++)
        {
            windowFirst += first[j];
            windowSecond += second[j];
        }

        var low = 0;
        double sumA = 0, sumB = 0, sumAA = 0, sumBB = 0, sumAB = 0;
        for (var i = 0; i < n; i++)
        {
            // The window is [low, high] = [i - r, i + r] clipped to the series.
            while (high < Math.Min(i + DetrendRadius, n - 1))
            {
                high++;
                windowFirst += first[high];
                windowSecond += second[high];
            }

            while (low < i - DetrendRadius)
            {
                windowFirst -= first[low];
                windowSecond -= second[low];
                low++;
            }

            var width = high - low + 1;
            var a = first[i] - windowFirst / width;
            var b = second[i] - windowSecond / width;
            sumA += a;
            sumB += b;
            sumAA += a * a;
            sumBB += b * b;
            sumAB += a * b;
        }

        var varianceA = sumAA - sumA * sumA / n;
        var varianceB = sumBB - sumB * sumB / n;
        if (!(varianceA > 0 && varianceB > 0))
        {
            return null;
        }

        return Math.Clamp((sumAB - sumA * sumB / n) / Math.Sqrt(varianceA * varianceB), -1, 1);
    }

    /// <summary>A value rounded to a number of significant digits, as a token: the same on every machine
    /// (the logarithm only guesses the decimal exponent; exact comparisons with powers of ten settle it).</summary>
    private static ulong Rounded(double value, int digits)
    {
        var magnitude = Math.Abs(value);
        if (!(magnitude >= 1e-30 && magnitude <= 1e30))
        {
            return magnitude < 1e-30 ? 0 : (ulong)BitConverter.DoubleToInt64Bits(value);
        }

        var exponent = Math.Clamp((int)Math.Floor(Math.Log10(magnitude)), -30, 30);
        while (magnitude < PowerOfTen(exponent))
        {
            exponent--;
        }

        while (magnitude >= PowerOfTen(exponent + 1))
        {
            exponent++;
        }

        var mantissa = (ulong)Math.Round(magnitude / PowerOfTen(exponent - digits + 1));
        return RowRandom.KeyOf(mantissa, (ulong)(exponent + 100) * 2 + (value < 0 ? 1UL : 0UL));
    }

    private static double PowerOfTen(int exponent) => PowersOfTen[exponent + MaxExponent];

    private static double[] BuildPowersOfTen()
    {
        var powers = new double[2 * MaxExponent + 1];
        powers[MaxExponent] = 1;
        for (var e = 1; e <= MaxExponent; e++)
        {
            powers[MaxExponent + e] = powers[MaxExponent + e - 1] * 10;
        }

        for (var e = 1; e <= MaxExponent; e++)
        {
            powers[MaxExponent - e] = powers[MaxExponent - e + 1] / 10;
        }

        return powers;
    }
}
