using PPipe.Scenarios.Templates;
using PPipe.Scenarios.Validation;

namespace PPipe.Scenarios.Spec;

/// <summary>
/// Reads a spec (YAML, or JSON with the same keys), lays it over its template's defaults, validates it
/// and resolves it into a <see cref="Scenario"/>. Reports every error at once, each with its path.
/// </summary>
public static class ScenarioSpecReader
{
    public static SpecReadResult Read(string text)
    {
        var spec = Parse(text, out var errors);
        return spec is null ? new SpecReadResult(null, errors) : Resolve(spec, errors);
    }

    /// <summary>Validates and resolves a spec built in code (e.g. by an editor form).</summary>
    public static SpecReadResult Resolve(ScenarioSpec spec) => Resolve(spec, []);

    /// <summary>Parses text into a spec without validating it; structural errors (syntax, unknown keys,
    /// wrong types) go to <paramref name="errors"/>.</summary>
    internal static ScenarioSpec? Parse(string text, out List<SpecError> errors)
    {
        errors = [];
        var root = SpecDocument.Parse(text, errors);
        return root is null ? null : new SpecBinder(errors).Bind(root);
    }

    private static SpecReadResult Resolve(ScenarioSpec spec, List<SpecError> errors)
    {
        ScenarioTemplates.TryGet(spec.Template, out var template);
        var merged = template is null ? spec : SpecMerge.Over(spec, template.Defaults);
        var scenario = new ScenarioValidator(merged, template, errors).Validate();
        return new SpecReadResult(errors.Count == 0 ? scenario : null, errors);
    }
}
