namespace PPipe.Scenarios.Spec;

/// <summary>The JSON Schema (draft 2020-12) of scenario specs, for editors (YAML language servers read it too).</summary>
public static class ScenarioSchema
{
    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = Open();
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Where the schema says it lives (<c>$id</c>).</summary>
    public const string Id = "https://p-pipe.example/schemas/scenario.schema.json";

    public static string Json => Text.Value;

    public static Stream Open() =>
        typeof(ScenarioSchema).Assembly.GetManifestResourceStream("scenario.schema.json")
        ?? throw new InvalidOperationException("The scenario schema resource is missing.");
}
