namespace PPipe.Scenarios.Generation;

/// <summary>
/// Exp, Log, Sin and Cos built from IEEE-754 additions, multiplications and divisions only.
/// <see cref="Math.Exp(double)"/> and friends come from the platform's C library and may differ in the
/// last bit between operating systems and CPUs; generated data must be byte-identical everywhere, so
/// every transcendental on the row path goes through here instead.
/// </summary>
internal static class PortableMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double PiOver2Hi = 1.57079632673412561417e+00;
    private const double PiOver2Lo = 6.07710050650619224932e-11;
    private const double TwoOverPi = 6.36619772367581382433e-01;

    // Series coefficients, computed once with exactly rounded IEEE divisions (the same bits everywhere), so
    // each evaluation is multiplications and additions in Horner form.
    private static readonly double[] ExpCoefficients = Series(15, InverseFactorial);
    private static readonly double[] LogCoefficients = Series(14, n => 1.0 / (2 * n + 1));
    private static readonly double[] SinCoefficients = Series(10, n => (n % 2 == 0 ? 1 : -1) * InverseFactorial(2 * n + 1));
    private static readonly double[] CosCoefficients = Series(10, n => (n % 2 == 0 ? 1 : -1) * InverseFactorial(2 * n));

    public static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x > 709.0)
        {
            return double.PositiveInfinity;
        }

        if (x < -745.0)
        {
            return 0.0;
        }

        // x = k ln2 + r with |r| <= ln2 / 2, then exp(x) = 2^k exp(r).
        var k = Round(x * InvLn2);
        var r = (x - k * Ln2Hi) - k * Ln2Lo;

        // Taylor series of exp(r) in Horner form; 14 terms are exact to double precision for |r| <= 0.35.
        var sum = ExpCoefficients[^1];
        for (var n = ExpCoefficients.Length - 2; n >= 0; n--)
        {
            sum = sum * r + ExpCoefficients[n];
        }

        return Scale(sum, (int)k);
    }

    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0)
        {
            return double.NaN;
        }

        if (x == 0)
        {
            return double.NegativeInfinity;
        }

        if (double.IsPositiveInfinity(x))
        {
            return x;
        }

        // x = m 2^e with m in [sqrt(1/2), sqrt(2)), then log(x) = e ln2 + log(m).
        var e = 0;
        if (x < 2.2250738585072014E-308)
        {
            x *= 18014398509481984.0; // 2^54 lifts subnormals into the normal range
            e = -54;
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        e += (int)((bits >> 52) & 0x7FF) - 1023;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            e++;
        }

        // log(m) = 2 atanh(s) with s = (m - 1) / (m + 1), |s| <= 0.172.
        var s = (m - 1.0) / (m + 1.0);
        var s2 = s * s;
        var series = LogCoefficients[^1];
        for (var n = LogCoefficients.Length - 2; n >= 0; n--)
        {
            series = series * s2 + LogCoefficients[n];
        }

        return e * Ln2Hi + (2.0 * s * series + e * Ln2Lo);
    }

    public static double Sin(double x) => SinCos(x, 0);

    public static double Cos(double x) => SinCos(x, 1);

    /// <summary>The logistic function 1 / (1 + e^-x).</summary>
    public static double Sigmoid(double x) => x >= 0 ? 1.0 / (1.0 + Exp(-x)) : Exp(x) / (1.0 + Exp(x));

    private static double SinCos(double x, int quadrantOffset)
    {
        if (!double.IsFinite(x))
        {
            return double.NaN;
        }

        // x = q pi/2 + r with |r| <= pi/4; the arguments seen here are small (angles of days and hours),
        // so a two-part Cody-Waite reduction keeps r accurate.
        var q = Round(x * TwoOverPi);
        var r = (x - q * PiOver2Hi) - q * PiOver2Lo;
        var quadrant = ((long)q + quadrantOffset) & 3;
        var value = (quadrant & 1) == 0 ? SinKernel(r) : CosKernel(r);
        return quadrant >= 2 ? -value : value;
    }

    private static double SinKernel(double r)
    {
        var r2 = r * r;
        var sum = SinCoefficients[^1];
        for (var n = SinCoefficients.Length - 2; n >= 0; n--)
        {
            sum = sum * r2 + SinCoefficients[n];
        }

        return r * sum;
    }

    private static double CosKernel(double r)
    {
        var r2 = r * r;
        var sum = CosCoefficients[^1];
        for (var n = CosCoefficients.Length - 2; n >= 0; n--)
        {
            sum = sum * r2 + CosCoefficients[n];
        }

        return sum;
    }

    private static double[] Series(int count, Func<int, double> term)
    {
        var coefficients = new double[count];
        for (var n = 0; n < count; n++)
        {
            coefficients[n] = term(n);
        }

        return coefficients;
    }

    private static double InverseFactorial(int n)
    {
        var value = 1.0;
        for (var k = 2; k <= n; k++)
        {
            value /= k;
        }

        return value;
    }

    /// <summary>Round half away from zero with plain arithmetic (no platform intrinsics involved).</summary>
    private static double Round(double x) => x >= 0 ? Math.Floor(x + 0.5) : -Math.Floor(-x + 0.5);

    private static double Scale(double value, int exponent)
    {
        // Two steps keep 2^exponent representable near the ends of the range.
        while (exponent > 1000)
        {
            value *= BitConverter.Int64BitsToDouble(0x7E70000000000000L); // 2^1000
            exponent -= 1000;
        }

        while (exponent < -1000)
        {
            value *= BitConverter.Int64BitsToDouble(0x0170000000000000L); // 2^-1000
            exponent += 1000;
        }

        return value * BitConverter.Int64BitsToDouble((long)(exponent + 1023) << 52);
    }
}
