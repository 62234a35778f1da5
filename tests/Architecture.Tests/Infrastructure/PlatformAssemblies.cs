using System.Reflection;

namespace PPipe.Architecture.Tests.Infrastructure;

/// <summary>
/// The platform's own assemblies (<c>PPipe.*</c>) that this project references, found in the test output rather than
/// named one by one, so an assembly added to the platform is checked without changing the tests.
/// </summary>
public static class PlatformAssemblies
{
    public static IReadOnlyList<Assembly> All { get; } = Load();

    /// <summary>Every type of every platform assembly, public or not.</summary>
    public static IEnumerable<Type> Types => All.SelectMany(TypesOf);

    private static List<Assembly> Load()
    {
        var self = typeof(PlatformAssemblies).Assembly.GetName().Name;
        return [.. Directory.EnumerateFiles(AppContext.BaseDirectory, "PPipe.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => name != self)
            .Order(StringComparer.Ordinal)
            .Select(name => Assembly.Load(new AssemblyName(name!)))];
    }

    private static IEnumerable<Type> TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
