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

    [Fact]
    public void WithoutResetOnClose_ConnectionStringWithoutIt_PooledConnectionsNotReset()
    {
        var tuned = OrleansHostingExtensions.WithoutResetOnClose("Host=127.0.0.1;Port=5432;Username=ppipe;Database=ppipe");

        Assert.True(new NpgsqlConnectionStringBuilder(tuned).NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false")]
    [InlineData("Host=db;noresetonclose=false")]
    public void WithoutResetOnClose_OperatorSetItInTheString_TheirsWins(string connectionString)
    {
        var tuned = OrleansHostingExtensions.WithoutResetOnClose(connectionString);

        Assert.False(new NpgsqlConnectionStringBuilder(tuned).NoResetOnClose);
    }
}
