using System.Collections.Immutable;
using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Templates;

/// <summary>
/// The data-generating world behind a template: its features, its target and the effects that make up the
/// true concept. Implementations are stateless singletons; everything a row depends on comes in through
/// the <see cref="RowSampler"/>, which makes rows pure functions of their key.
/// </summary>
internal interface IScenarioWorld
{
    /// <summary>Name of the column holding each row's event time.</summary>
    string TimestampColumn { get; }

    /// <summary>Row event times are floored to this (e.g. 15 minutes for meter intervals).</summary>
    TimeSpan TimestampResolution { get; }

    /// <summary>Features in sampling order, which is also their column order.</summary>
    ImmutableArray<ScenarioFeature> Features { get; }

    ScenarioTarget Target { get; }

    /// <summary>The effects with their weights before any drift: the initial concept.</summary>
    ImmutableArray<ConceptEffect> Effects { get; }

    /// <summary>Standard deviation of the noise around a regression target's expected value.</summary>
    double NoiseSd { get; }

    /// <summary>Draws the true feature values of one row.</summary>
    void Sample(RowSampler row);

    /// <summary>Computes each effect's value for one row (the concept multiplies them by weights).</summary>
    void Evaluate(ReadOnlySpan<double> values, RowTime time, Span<double> effects);
}
