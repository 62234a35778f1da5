using System.Diagnostics.CodeAnalysis;
using PPipe.Scenarios.Spec;

namespace PPipe.Scenarios.Surveys;

/// <summary>Either a validated <see cref="SurveyInstrument"/> or every problem found in its spec, each with its path.</summary>
public sealed record SurveyReadResult(SurveyInstrument? Instrument, IReadOnlyList<SpecError> Errors)
{
    [MemberNotNullWhen(true, nameof(Instrument))]
    public bool IsValid => Instrument is not null;
}
