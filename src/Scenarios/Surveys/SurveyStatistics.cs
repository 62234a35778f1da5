namespace PPipe.Scenarios.Surveys;

/// <summary>
/// The statistics survey analytics reports, as pure functions: a paired mean change with its 95% confidence interval from the t
/// distribution, Cohen's d for paired data (d<sub>z</sub>: the mean change over the standard deviation of the changes), Pearson's
/// r with a 95% interval through Fisher's z, and Hake's normalized gain. Each answers null when the data cannot carry it (too few
/// pairs, no spread) rather than a number that means nothing.
/// </summary>
public static class SurveyStatistics
{
    /// <summary>The standard normal quantile at 0.975: a 95% two-sided interval is ±this many standard errors.</summary>
    public const double Z975 = 1.959963984540054;

    /// <summary>The change from <paramref name="before"/> to <paramref name="after"/> over pairs of the same students.</summary>
    public static PairedChange Paired(IReadOnlyList<double> before, IReadOnlyList<double> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Count != after.Count)
        {
            throw new ArgumentException("Paired samples need as many values after as before.", nameof(after));
        }

        var n = before.Count;
        if (n == 0)
        {
            return new PairedChange(0, null, null, null, null, null, null);
        }

        var meanBefore = Mean(before);
        var meanAfter = Mean(after);
        var changes = new double[n];
        for (var i = 0; i < n; i++)
        {
            changes[i] = after[i] - before[i];
        }

        var meanChange = Mean(changes);
        if (n < 2)
        {
            return new PairedChange(n, meanBefore, meanAfter, meanChange, null, null, null);
        }

        var sd = StandardDeviation(changes, meanChange);
        var half = TQuantile975(n - 1) * sd / Math.Sqrt(n);
        double? effect = sd > 0 ? meanChange / sd : null;
        return new PairedChange(n, meanBefore, meanAfter, meanChange, meanChange - half, meanChange + half, effect);
    }

    /// <summary>Pearson's r of the pairs, null below 3 pairs or when either side has no spread; its Fisher-z interval needs 4 pairs.</summary>
    public static Correlation Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException("A correlation needs as many y values as x values.", nameof(y));
        }

        var n = x.Count;
        if (n < 3)
        {
            return new Correlation(n, null, null, null);
        }

        var meanX = Mean(x);
        var meanY = Mean(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - meanX;
            var dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        if (sxx <= 0 || syy <= 0)
        {
            return new Correlation(n, null, null, null);
        }

        var r = Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
        if (n < 4 || Math.Abs(r) >= 1)
        {
            return new Correlation(n, r, null, null);
        }

        var z = Math.Atanh(r);
        var half = Z975 / Math.Sqrt(n - 3);
        return new Correlation(n, r, Math.Tanh(z - half), Math.Tanh(z + half));
    }

    /// <summary>Hake's normalized gain of class averages (shares in [0, 1]): (post − pre) / (1 − pre); null when pre is 1.</summary>
    public static double? NormalizedGain(double pre, double post) => pre >= 1 ? null : (post - pre) / (1 - pre);

    /// <summary>The 0.975 quantile of Student's t distribution with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double TQuantile975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        // The upper tail falls monotonically in t: bisect for the t whose upper tail is 0.025.
        double low = 0, high = 1;
        while (TUpperTail(high, degreesOfFreedom) > 0.025)
        {
            low = high;
            high *= 2;
        }

        for (var i = 0; i < 200 && high - low > 1e-13 * high; i++)
        {
            var middle = (low + high) / 2;
            if (TUpperTail(middle, degreesOfFreedom) > 0.025)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    /// <summary>P(T &gt; t) for t ≥ 0: half the regularized incomplete beta I_x(ν/2, 1/2) at x = ν / (ν + t²).</summary>
    public static double TUpperTail(double t, int degreesOfFreedom)
    {
        double v = degreesOfFreedom;
        return 0.5 * RegularizedBeta(v / (v + t * t), v / 2, 0.5);
    }

    public static double Mean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[i];
        }

        return sum / values.Count;
    }

    /// <summary>The sample standard deviation (n − 1 in the denominator).</summary>
    private static double StandardDeviation(IReadOnlyList<double> values, double mean)
    {
        var squares = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            squares += (values[i] - mean) * (values[i] - mean);
        }

        return Math.Sqrt(squares / (values.Count - 1));
    }

    /// <summary>I_x(a, b), by the continued fraction (modified Lentz), on the side of x where it converges fast.</summary>
    private static double RegularizedBeta(double x, double a, double b)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * BetaFraction(x, a, b) / a
            : 1 - front * BetaFraction(1 - x, b, a) / b;
    }

    private static double BetaFraction(double x, double a, double b)
    {
        const double Tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        var h = d;
        for (var m = 1; m <= 500; m++)
        {
            var even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + even * d;
            c = 1 + even / c;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            h *= d * c;
            var odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + odd * d;
            c = 1 + odd / c;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            var step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < 1e-15)
            {
                break;
            }
        }

        return h;
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, nine coefficients: about 15 significant digits).</summary>
    private static double LogGamma(double x)
    {
        ReadOnlySpan<double> coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = coefficients[0];
        for (var i = 1; i < coefficients.Length; i++)
        {
            sum += coefficients[i] / (x + i);
        }

        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
