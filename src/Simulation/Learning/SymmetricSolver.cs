namespace PPipe.Simulation.Learning;

/// <summary>Solves <c>A x = b</c> for a symmetric positive (semi-)definite A given by its upper triangle, by
/// Cholesky factorisation; a little more ridge is added on the diagonal until the factorisation succeeds.</summary>
internal static class SymmetricSolver
{
    public static double[] Solve(double[] upper, ReadOnlySpan<double> b, int n)
    {
        var jitter = 0.0;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            if (TryFactor(upper, n, jitter, out var factor))
            {
                return Substitute(factor, b, n);
            }

            jitter = jitter == 0 ? 1e-8 : jitter * 10;
        }

        return new double[n]; // hopeless: no step, the caller keeps its current weights
    }

    private static bool TryFactor(double[] upper, int n, double jitter, out double[] lower)
    {
        lower = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = upper[j * n + i] + (i == j ? jitter : 0); // A[i,j] from the upper triangle (j ≤ i)
                for (var k = 0; k < j; k++)
                {
                    sum -= lower[i * n + k] * lower[j * n + k];
                }

                if (i == j)
                {
                    if (sum <= 1e-14 || !double.IsFinite(sum))
                    {
                        return false;
                    }

                    lower[i * n + i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[i * n + j] = sum / lower[j * n + j];
                }
            }
        }

        return true;
    }

    private static double[] Substitute(double[] lower, ReadOnlySpan<double> b, int n)
    {
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= lower[i * n + k] * y[k];
            }

            y[i] = sum / lower[i * n + i];
        }

        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= lower[k * n + i] * x[k];
            }

            x[i] = sum / lower[i * n + i];
        }

        return x;
    }
}
