using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Tests.Generation;

public sealed class PortableMathTests
{
    [Fact]
    public void Exp_AcrossItsRange_MatchesMath()
    {
        for (var x = -700.0; x <= 700.0; x += 0.37)
        {
            AssertClose(Math.Exp(x), PortableMath.Exp(x));
        }
    }

    [Fact]
    public void Log_AcrossItsRange_MatchesMath()
    {
        for (var x = 1e-300; x < 1e300; x *= 1.7)
        {
            AssertClose(Math.Log(x), PortableMath.Log(x));
        }

        AssertClose(Math.Log(5e-320), PortableMath.Log(5e-320));
    }

    [Fact]
    public void SinAndCos_OverManyTurns_MatchMath()
    {
        for (var x = -200.0; x <= 200.0; x += 0.013)
        {
            Assert.Equal(Math.Sin(x), PortableMath.Sin(x), 1e-13);
            Assert.Equal(Math.Cos(x), PortableMath.Cos(x), 1e-13);
        }
    }

    [Fact]
    public void PortableMath_EdgeValues_BehaveLikeMath()
    {
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(1000));
        Assert.Equal(0.0, PortableMath.Exp(-1000));
        Assert.Equal(double.NegativeInfinity, PortableMath.Log(0));
        Assert.True(double.IsNaN(PortableMath.Log(-1)));
        Assert.Equal(0.5, PortableMath.Sigmoid(0));
        Assert.Equal(1.0, PortableMath.Sigmoid(800));
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-14 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");
}
