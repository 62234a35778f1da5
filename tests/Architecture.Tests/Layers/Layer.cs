using System.Reflection;
using NetArchTest.Rules;

namespace PPipe.Architecture.Tests.Layers;

/// <summary>The project assemblies and the one question every layer rule asks of them.</summary>
internal static class Layer
{
    public static readonly Assembly Scenarios = typeof(PPipe.Scenarios.Scenario).Assembly;
    public static readonly Assembly Contracts = typeof(PPipe.Grains.Interfaces.Enrollments.IEnrollmentGrain).Assembly;
    public static readonly Assembly Client = typeof(PPipe.Grains.Client.Cohorts.CohortDirectory).Assembly;
    public static readonly Assembly Grains = typeof(PPipe.Grains.StorageNames).Assembly;
    public static readonly Assembly Hosting = typeof(PPipe.Hosting.DatabaseOptions).Assembly;
    public static readonly Assembly Frontend = typeof(PPipe.Frontend.Api.ClusterUnavailableHandler).Assembly;
    public static readonly Assembly Simulation = typeof(PPipe.Simulation.Demo.DemoCohort).Assembly;
    public static readonly Assembly ReferenceModels = typeof(PPipe.ReferenceModels.ReferenceTrainer).Assembly;

    /// <summary>Every type's full name in an assembly: a reference to any of them is a dependency on that assembly.</summary>
    public static string[] TypesOf(Assembly assembly) =>
        [.. assembly.GetTypes().Where(t => t.Namespace?.StartsWith("PPipe.", StringComparison.Ordinal) == true && !t.IsNested).Select(t => t.FullName!)];

    /// <summary>The types of <paramref name="assembly"/> that use a type of any of <paramref name="forbidden"/>, as "user → used".</summary>
    public static IReadOnlyList<string> Violations(Assembly assembly, params Assembly[] forbidden)
    {
        var names = forbidden.SelectMany(TypesOf).ToArray();
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(names).GetResult();
        return result.IsSuccessful ? [] : [.. result.FailingTypeNames ?? []];
    }

    /// <summary>The types of <paramref name="assembly"/> that depend on any namespace starting with one of <paramref name="prefixes"/>.</summary>
    public static IReadOnlyList<string> NamespaceViolations(Assembly assembly, params string[] prefixes)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(prefixes).GetResult();
        return result.IsSuccessful ? [] : [.. result.FailingTypeNames ?? []];
    }
}
