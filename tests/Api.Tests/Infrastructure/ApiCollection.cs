namespace PPipe.Api.Tests.Infrastructure;

/// <summary>The tests that share the one <see cref="ApiPlatform"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiPlatform>
{
    public const string Name = "api";
}
