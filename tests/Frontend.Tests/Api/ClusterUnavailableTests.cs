using PPipe.Frontend.Api;
using PPipe.Grains.Interfaces.Storage;

namespace PPipe.Frontend.Tests.Api;

/// <summary>Which failures answer 503 with Retry-After (a retry will work) rather than 500.</summary>
public sealed class ClusterUnavailableTests
{
    [Fact]
    public void IsUnavailable_ActivationWhoseStateReadFailed_True()
    {
        // What a grain call answers while PostgreSQL is down and the grain must be activated: Orleans wraps the storage's failure.
        var error = new OrleansException("Error from storage provider ResilientGrainStorage.credential during ReadStateAsync for grain credential/t-1",
            new StorageUnavailableException("Storage is unavailable: the read of credential state for credential/t-1 failed (Failed to connect)."));

        Assert.True(ClusterUnavailableHandler.IsUnavailable(error));
    }

    [Fact]
    public void IsUnavailable_TransientFailuresDirectOrInsideAnAggregate_True()
    {
        Assert.True(ClusterUnavailableHandler.IsUnavailable(new StorageUnavailableException("down")));
        Assert.True(ClusterUnavailableHandler.IsUnavailable(new TimeoutException("call timed out")));
        Assert.True(ClusterUnavailableHandler.IsUnavailable(new SiloUnavailableException("silo gone")));
        Assert.True(ClusterUnavailableHandler.IsUnavailable(new AggregateException(new InvalidOperationException("other"), new TimeoutException("late"))));
    }

    [Fact]
    public void IsUnavailable_ProgrammingOrInputErrorsEvenWhenWrapped_False()
    {
        Assert.False(ClusterUnavailableHandler.IsUnavailable(new InvalidOperationException("bug")));
        Assert.False(ClusterUnavailableHandler.IsUnavailable(new OrleansException("wrapped", new ArgumentException("bad seq"))));
        Assert.False(ClusterUnavailableHandler.IsUnavailable(new AggregateException(new ArgumentException("bad"))));
    }
}
