namespace PPipe.Scenarios.Tests.Generation;

/// <summary>Ordinary least squares through the normal equations, with a touch of ridge for stability.</summary>
internal sealed class LeastSquares(double[] weights)
{
    public static LeastSquares Fit(IReadOnlyList<double[]> features, IReadOnlyList<double> targets)
    {
        var d = features[0].Length;
        var gram = new double[d, d];
        var moments = new double[d];
        for (var i = 0; i < features.Count; i++)
        {
            var x = features[i];
            for (var j = 0; j < d; j++)
            {
                moments[j] += x[j] * targets[i];
                for (var k = 0; k < d; k++)
                {
                    gram[j, k] += x[j] * x[k];
                }
            }
        }

        for (var j = 0; j < d; j++)
        {
            gram[j, j] += 1e-6;
        }

        return new LeastSquares(LinearAlgebra.Solve(gram, moments));
    }

    public double Predict(double[] x) => x.Zip(weights, (a, b) => a * b).Sum();

    public double Rmse(IReadOnlyList<double[]> features, IReadOnlyList<double> targets) =>
        Math.Sqrt(features.Select((x, i) => Math.Pow(Predict(x) - targets[i], 2)).Average());
}
