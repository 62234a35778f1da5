namespace PPipe.Scenarios.Tests.Generation;

/// <summary>Logistic regression fitted by Newton's method (iteratively reweighted least squares).</summary>
internal sealed class LogisticRegression(double[] weights)
{
    public static LogisticRegression Fit(IReadOnlyList<double[]> features, IReadOnlyList<double> labels)
    {
        var d = features[0].Length;
        var w = new double[d];
        for (var iteration = 0; iteration < 12; iteration++)
        {
            var hessian = new double[d, d];
            var gradient = new double[d];
            for (var i = 0; i < features.Count; i++)
            {
                var x = features[i];
                var p = Sigmoid(x.Zip(w, (a, b) => a * b).Sum());
                for (var j = 0; j < d; j++)
                {
                    gradient[j] += (labels[i] - p) * x[j];
                    for (var k = 0; k < d; k++)
                    {
                        hessian[j, k] += p * (1 - p) * x[j] * x[k];
                    }
                }
            }

            for (var j = 0; j < d; j++)
            {
                hessian[j, j] += 1e-3;
                gradient[j] -= 1e-3 * w[j];
            }

            var step = LinearAlgebra.Solve(hessian, gradient);
            for (var j = 0; j < d; j++)
            {
                w[j] += step[j];
            }
        }

        return new LogisticRegression(w);
    }

    public double Probability(double[] x) => Sigmoid(x.Zip(weights, (a, b) => a * b).Sum());

    public double LogLoss(IReadOnlyList<double[]> features, IReadOnlyList<double> labels) =>
        -features.Select((x, i) =>
        {
            var p = Math.Clamp(Probability(x), 1e-12, 1 - 1e-12);
            return labels[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }).Average();

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
