using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace PPipe.Frontend.Tests.Infrastructure;

/// <summary>
/// The test cluster's grain factory, except that the grain calls a test names fail as a silo failing over makes them fail
/// (with a <see cref="SiloUnavailableException"/>, a <see cref="TimeoutException"/>…) until <see cref="Answer"/>. Every
/// other call reaches the cluster (a grain asked for by type or by id is the cluster's own, never failing). Register it before <see cref="UiContext.UseUi(BunitContext, UiClusterFixture, string[])"/>,
/// which then keeps it.
/// </summary>
public sealed class UnansweringGrains(IGrainFactory cluster) : IGrainFactory
{
    private readonly ConcurrentDictionary<(Type Grain, string Method), Exception> _failing = new();
    private int _failed;

    /// <summary>Makes every call of <typeparamref name="TGrain"/>'s <paramref name="method"/> fail with <paramref name="failure"/>.</summary>
    public UnansweringGrains Fail<TGrain>(string method, Exception failure)
        where TGrain : IAddressable
    {
        Assert.Contains(typeof(TGrain).GetMethods(), m => m.Name == method);
        _failing[(typeof(TGrain), method)] = failure;
        return this;
    }

    /// <summary>The cluster answers again: every call reaches it.</summary>
    public void Answer() => _failing.Clear();

    /// <summary>How many calls failed so far.</summary>
    public int Failed => _failed;

    /// <summary>
    /// Asserts that a call failed here, that <paramref name="cut"/> says <paramref name="message"/> as its one alert, and that its
    /// button whose text starts with <paramref name="button"/> can be pressed (a busy flag left set would disable it).
    /// </summary>
    public void AssertSaid<TComponent>(IRenderedComponent<TComponent> cut, string message, string button)
        where TComponent : IComponent
    {
        Assert.NotEqual(0, Failed);
        Assert.Equal(message, Assert.Single(cut.FindAll("[role=alert]")).TextContent);
        Assert.False(cut.FindAll("button").Single(b => b.TextContent.Trim().StartsWith(button, StringComparison.Ordinal)).HasAttribute("disabled"));
    }

    /// <summary>The failure <paramref name="method"/> meets now, counted; null when it reaches the cluster.</summary>
    internal Exception? FailureOf(MethodInfo method)
    {
        if (!_failing.TryGetValue((method.DeclaringType!, method.Name), out var failure))
        {
            return null;
        }

        Interlocked.Increment(ref _failed);
        return failure;
    }

    private T Wrap<T>(T grain)
        where T : IAddressable
    {
        if (!typeof(T).IsInterface)
        {
            return grain;
        }

        var proxy = DispatchProxy.Create<T, UnansweringGrain>();
        ((UnansweringGrain)(object)proxy!).Attach(grain, this);
        return proxy;
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey => Wrap(cluster.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey => Wrap(cluster.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix));

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey => Wrap(cluster.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix));

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey => Wrap(cluster.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey => Wrap(cluster.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix));

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => cluster.CreateObjectReference<TGrainObserverInterface>(obj);

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => cluster.DeleteObjectReference<TGrainObserverInterface>(obj);

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => cluster.GetGrain(grainInterfaceType, grainPrimaryKey);

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => cluster.GetGrain(grainInterfaceType, grainPrimaryKey);

    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => cluster.GetGrain(grainInterfaceType, grainPrimaryKey);

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) => cluster.GetGrain(grainInterfaceType, grainPrimaryKey, keyExtension);

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) => cluster.GetGrain(grainInterfaceType, grainPrimaryKey, keyExtension);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable => Wrap(cluster.GetGrain<TGrainInterface>(grainId));

    public IAddressable GetGrain(GrainId grainId) => cluster.GetGrain(grainId);

    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => cluster.GetGrain(grainId, interfaceType);

    public IAddressable GetGrain(Type grainInterfaceType, IdSpan grainKey) => cluster.GetGrain(grainInterfaceType, grainKey);

    public IAddressable GetGrain(Type grainInterfaceType, IdSpan grainKey, string grainClassNamePrefix) => cluster.GetGrain(grainInterfaceType, grainKey, grainClassNamePrefix);
}
