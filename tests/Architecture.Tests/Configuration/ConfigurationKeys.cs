using System.Reflection;
using Orleans.Configuration;
using PPipe.Architecture.Tests.Infrastructure;

namespace PPipe.Architecture.Tests.Configuration;

/// <summary>
/// The configuration keys the hosts read: every bindable property of every class with a <c>Section</c> constant, the
/// few keys read without an options class, and the sections handed whole to a framework options class.
/// </summary>
public static class ConfigurationKeys
{
    /// <summary>What the page writes for "any property of this framework options class".</summary>
    public const string AnyProperty = "*";

    /// <summary>Keys read without an options class of our own.</summary>
    public static IReadOnlyList<string> ReadDirectly { get; } =
    [
        "ConnectionStrings:PPipe", // OrleansHostingExtensions.AddPPipeDatabase
        "Urls",                    // Frontend Program.cs: its default address applies only when this is unset
        "ReloadStaticAssetsAtRuntime", // ASP.NET's MapStaticAssets; the front end's appsettings.json sets it
    ];

    /// <summary>Sections bound to an Orleans options class (OrleansHostingExtensions.AddOrleansTuning).</summary>
    public static IReadOnlyDictionary<string, Type> FrameworkSections { get; } = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        ["Cluster:Membership"] = typeof(ClusterMembershipOptions),
        ["Cluster:Reminders"] = typeof(ReminderOptions),
    };

    /// <summary>The classes with a <c>const string Section</c>, public or not, in every platform assembly.</summary>
    public static IEnumerable<Type> OptionsClasses() =>
        PlatformAssemblies.Types.Where(t => t.IsClass && SectionOf(t) is not null).OrderBy(t => t.FullName, StringComparer.Ordinal);

    public static string? SectionOf(Type type) =>
        type.GetField("Section", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
            is { IsLiteral: true } field && field.FieldType == typeof(string)
            ? (string?)field.GetRawConstantValue()
            : null;

    /// <summary>Every key the hosts read; a framework section counts as one key, <c>Section:*</c>.</summary>
    public static IReadOnlySet<string> All()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in OptionsClasses())
        {
            keys.UnionWith(KeysOf(SectionOf(type)!, type));
        }

        keys.UnionWith(ReadDirectly);
        keys.UnionWith(FrameworkSections.Keys.Select(section => $"{section}:{AnyProperty}"));
        return keys;
    }

    /// <summary>Whether a key exists: one of <see cref="All"/>, or a property of a framework section's options class.</summary>
    public static bool Exists(string key)
    {
        if (All().Contains(key))
        {
            return true;
        }

        var split = key.LastIndexOf(':');
        return split > 0
            && FrameworkSections.TryGetValue(key[..split], out var type)
            && KeysOf(key[..split], type).Contains(key, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The keys the configuration binder fills in <paramref name="type"/>: its public settable properties, and those of a
    /// nested options class of the platform's own under the property's name.
    /// </summary>
    public static IEnumerable<string> KeysOf(string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = $"{prefix}:{property.Name}";
            if (IsNestedOptions(property.PropertyType))
            {
                foreach (var nested in KeysOf(key, property.PropertyType))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return key;
            }
        }
    }

    private static bool IsNestedOptions(Type type) =>
        type.IsClass && type != typeof(string) && PlatformAssemblies.All.Contains(type.Assembly);
}
