namespace PPipe.Grains.Tests.Infrastructure;

/// <summary>
/// A cluster of its own for the tests that time wakes to the second (notifications, pauses, redeliveries): the shared
/// <see cref="ClusterCollection"/> keeps every earlier test's cohorts running, so late in a run each step of its clock
/// sets off hundreds of other enrollments' wakes beside the test's own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class QuietClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "quiet cluster";
}
