namespace PPipe.Integration.Tests.Assessment;

/// <summary>
/// The validity tests lighter than <see cref="RubricValidityTests"/> (lineage on every template; the forecasting template and
/// a dataset): their cohorts run at once on one platform, <see cref="SharedValidityRuns"/>, started when the collection
/// starts. Together they load the two cores less than the rubric run does alone, and they run alone as it does: after the
/// other collections, never beside it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedPlatformCollection : ICollectionFixture<SharedValidityRuns>
{
    public const string Name = "Validity on a shared platform";
}
