namespace PPipe.Scenarios.Tests;

public sealed class ProbeTests
{
    [Fact]
    public void Build_Works() => Assert.True(true);
}
