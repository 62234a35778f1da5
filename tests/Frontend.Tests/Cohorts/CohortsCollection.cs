namespace PPipe.Frontend.Tests.Cohorts;

/// <summary>The cohort and account page tests share one cluster and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class CohortsCollection : ICollectionFixture<CohortsClusterFixture>
{
    public const string Name = "cohort pages";
}
