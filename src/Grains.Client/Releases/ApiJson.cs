using System.Text.Json;
using System.Text.Json.Serialization;

namespace PPipe.Grains.Client.Releases;

/// <summary>
/// The one set of JSON rules of the public API, used by the front end for every response and by the silos for
/// webhook bodies, so a value reads the same wherever a student meets it: camelCase names, enums as camelCase
/// strings (<c>api</c>, <c>rocAuc</c>, <c>upcoming</c>), numbers never accepted for enums.
/// </summary>
public static class ApiJson
{
    /// <summary>The API's options, read-only: serialize and deserialize with these outside ASP.NET.</summary>
    public static JsonSerializerOptions Options { get; } = Frozen();

    /// <summary>
    /// Applies the API's rules to <paramref name="options"/>, which start from <see cref="JsonSerializerDefaults.Web"/>
    /// (as ASP.NET's own HTTP JSON options do).
    /// </summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }

    private static JsonSerializerOptions Frozen()
    {
        var options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
