using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace PPipe.Scenarios.Surveys;

/// <summary>The instruments built into the platform, read from the assembly once. Their ids are reserved: uploads cannot use them.</summary>
public static class BuiltInInstruments
{
    public const string MlopsSkillsId = "mlops-skills";

    private static readonly Lazy<FrozenDictionary<(string Id, int Version), (SurveyInstrument Instrument, string Text)>> All = new(Load);

    /// <summary>The MLOps skills instrument, version 1.</summary>
    public static SurveyInstrument MlopsSkills => All.Value[(MlopsSkillsId, 1)].Instrument;

    /// <summary>Every built-in instrument version with its spec text.</summary>
    public static IEnumerable<(SurveyInstrument Instrument, string Text)> Versions => All.Value.Values;

    public static bool IsReserved(string id) => id == MlopsSkillsId;

    public static bool TryGet(string id, int version, [NotNullWhen(true)] out SurveyInstrument? instrument)
    {
        instrument = All.Value.TryGetValue((id, version), out var found) ? found.Instrument : null;
        return instrument is not null;
    }

    /// <summary>The spec text of a built-in version, or null.</summary>
    public static string? TextOf(string id, int version) => All.Value.TryGetValue((id, version), out var found) ? found.Text : null;

    private static FrozenDictionary<(string, int), (SurveyInstrument, string)> Load()
    {
        using var stream = typeof(BuiltInInstruments).Assembly.GetManifestResourceStream("surveys/mlops-skills.yaml")
            ?? throw new InvalidOperationException("The built-in survey instrument is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var read = SurveySpecReader.Read(text);
        if (!read.IsValid)
        {
            throw new InvalidOperationException($"The built-in survey instrument does not validate: {string.Join("; ", read.Errors)}");
        }

        return new Dictionary<(string, int), (SurveyInstrument, string)> { [(read.Instrument.Id, read.Instrument.Version)] = (read.Instrument, text) }
            .ToFrozenDictionary();
    }
}
