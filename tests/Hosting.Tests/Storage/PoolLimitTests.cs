using Npgsql;

namespace PPipe.Hosting.Tests.Storage;

public sealed class PoolLimitTests
{
    [Fact]
    public void WithPoolLimit_ConnectionStringWithoutOne_GetsTheConfiguredLimit()
    {
        var limited = OrleansHostingExtensions.WithPoolLimit("Host=127.0.0.1;Port=5432;Username=ppipe;Database=ppipe", 20);

        Assert.Equal(20, new NpgsqlConnectionStringBuilder(limited).MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=60")]
    [InlineData("Host=db;MAXIMUM POOL SIZE=60")]
    [InlineData("Host=db;maxpoolsize=60")]
    public void WithPoolLimit_OperatorSetOneInTheString_TheirsWins(string connectionString)
    {
        var limited = OrleansHostingExtensions.WithPoolLimit(connectionString, 20);

        Assert.Equal(60, new NpgsqlConnectionStringBuilder(limited).MaxPoolSize);
    }
}
