using PPipe.Architecture.Tests.Infrastructure;

namespace PPipe.Architecture.Tests.Configuration;

/// <summary>docs/configuration.md names every key the hosts read, and no key they do not.</summary>
public sealed class ConfigurationDocsTests
{
    private const string Page = "docs/configuration.md";

    private static readonly IReadOnlyList<string> Documented = DocumentedKeys.Read(File.ReadAllText(RepoPaths.File(Page)));

    [Fact]
    public void ConfigurationPage_KeysTheHostsRead_AreAllDocumented()
    {
        var missing = ConfigurationKeys.All()
            .Where(key => !Documented.Contains(key, StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(
            missing.Count == 0,
            $"{Page} does not document {string.Join(", ", missing)}. Add a row to the section's table: `Section:Key`, default, meaning.");
    }

    [Fact]
    public void ConfigurationPage_DocumentedKeys_AllExist()
    {
        var unknown = Documented.Where(key => !ConfigurationKeys.Exists(key)).ToList();

        Assert.True(
            unknown.Count == 0,
            $"{Page} documents {string.Join(", ", unknown)}, which no host reads. Remove the row, or fix the key's spelling.");
    }

    [Fact]
    public void OptionsClasses_PlatformAssemblies_FoundInEveryAssemblyThatBindsOptions()
    {
        var assemblies = ConfigurationKeys.OptionsClasses().Select(t => t.Assembly.GetName().Name).Distinct().ToHashSet();

        Assert.Superset(new HashSet<string?> { "PPipe.Hosting", "PPipe.Grains", "PPipe.Frontend", "PPipe.Simulation" }, assemblies);
    }
}
