using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Datasets;

/// <summary>The answer to confirming roles: the version as now stored, or the problems, each naming its field and column.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.RolesResult")]
public sealed record RolesResult(
    [property: Id(0)] DatasetVersion? Version,
    [property: Id(1)] ImmutableArray<RoleProblem> Problems);

/// <summary>One reason the roles cannot be confirmed: <see cref="Field"/> is <c>target</c>, <c>idColumn</c> or <c>timeColumn</c>.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.RoleProblem")]
public sealed record RoleProblem([property: Id(0)] string Field, [property: Id(1)] string Message);
