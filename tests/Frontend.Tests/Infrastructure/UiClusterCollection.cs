namespace PPipe.Frontend.Tests.Infrastructure;

/// <summary>Component tests that need real grains share one <see cref="UiClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class UiClusterCollection : ICollectionFixture<UiClusterFixture>
{
    public const string Name = "ui-cluster";
}
