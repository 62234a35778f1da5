using PPipe.Scenarios.Events;
using PPipe.Scenarios.Templates;

namespace PPipe.Scenarios.Generation;

/// <summary>
/// The true concept over time: effect weights before any drift, and how concept drift events change them.
/// A row's outputs are weighted sums of its effect values, one per class (multiclass) or one in all.
/// New categories add one indicator effect each; the initial ("stale") concept gives them no weight,
/// because a model trained before they appeared cannot know them.
/// </summary>
internal sealed class ConceptModel
{
    private const int MaxOutputs = 16;

    private readonly IScenarioWorld _world;
    private readonly ScenarioTask _task;
    private readonly int _worldEffects;
    private readonly int[] _outputs;
    private readonly int _outputCount;
    private readonly double[] _initial;
    private readonly ConceptPiece[] _pieces;
    private readonly (int Feature, int Index)[] _newCategoryTerms;

    public ConceptModel(Scenario scenario, IReadOnlyList<(NewCategory Quirk, int Feature, int Index)> newCategories)
    {
        _world = scenario.World;
        _task = scenario.Task;
        _worldEffects = _world.Effects.Length;
        EffectCount = _worldEffects + newCategories.Count;
        _outputCount = _task == ScenarioTask.Multiclass ? scenario.Target.Classes.Length : 1;
        _outputs = new int[EffectCount];
        _newCategoryTerms = new (int, int)[newCategories.Count];
        _initial = new double[EffectCount];
        var truth = new double[EffectCount];
        for (var e = 0; e < _worldEffects; e++)
        {
            _outputs[e] = _world.Effects[e].Output;
            _initial[e] = truth[e] = _world.Effects[e].Weight;
        }

        for (var n = 0; n < newCategories.Count; n++)
        {
            var (quirk, feature, index) = newCategories[n];
            _newCategoryTerms[n] = (feature, index);
            _outputs[_worldEffects + n] = _task == ScenarioTask.Multiclass ? Math.Min(1, _outputCount - 1) : 0;
            truth[_worldEffects + n] = quirk.Effect;
        }

        _pieces = BuildPieces(scenario, truth);
    }

    public int EffectCount { get; }

    /// <summary>Fills the effect values of a row: the world's effects, then the new-category indicators.</summary>
    public void Effects(ReadOnlySpan<double> values, RowTime time, Span<double> effects)
    {
        _world.Evaluate(values, time, effects[.._worldEffects]);
        for (var n = 0; n < _newCategoryTerms.Length; n++)
        {
            var (feature, index) = _newCategoryTerms[n];
            effects[_worldEffects + n] = values[feature] == index ? 1 : 0;
        }
    }

    /// <summary>The best prediction the true concept at <paramref name="t"/> makes for a row.</summary>
    public ConceptOutput Expected(ReadOnlySpan<double> effects, TimeSpan t)
    {
        var (weights, other, share) = PieceAt(t).At(t);
        return share > 0 ? Blend(effects, weights, other, share) : Output(effects, weights);
    }

    /// <summary>The prediction of the concept before any drift: what a model that never retrained says.</summary>
    public ConceptOutput Stale(ReadOnlySpan<double> effects) => Output(effects, _initial);

    /// <summary>Draws the row's actual outcome (a value, or a class index) from the concept at <paramref name="t"/>.</summary>
    public double Realize(ReadOnlySpan<double> effects, TimeSpan t, ref RowRandom random, double noiseSd)
    {
        var (weights, other, share) = PieceAt(t).At(t);
        var pickOther = random.NextDouble() < share;
        var chosen = pickOther ? other : weights;
        Span<double> scores = stackalloc double[MaxOutputs];
        Scores(effects, chosen, scores);
        switch (_task)
        {
            case ScenarioTask.Regression or ScenarioTask.Forecast:
                return scores[0] + noiseSd * random.NextNormal();
            case ScenarioTask.Binary:
                return random.NextDouble() < PortableMath.Sigmoid(scores[0]) ? 1 : 0;
            default:
                Softmax(scores[.._outputCount]);
                var u = random.NextDouble();
                for (var k = 0; k < _outputCount - 1; k++)
                {
                    u -= scores[k];
                    if (u < 0)
                    {
                        return k;
                    }
                }

                return _outputCount - 1;
        }
    }

    private ConceptPiece PieceAt(TimeSpan t)
    {
        // The last piece starting at or before t; pieces are in time order, later ones win ties.
        int low = 0, high = _pieces.Length - 1, found = 0;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (_pieces[mid].Start <= t)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return _pieces[found];
    }

    private ConceptOutput Output(ReadOnlySpan<double> effects, double[] weights)
    {
        Span<double> scores = stackalloc double[MaxOutputs];
        Scores(effects, weights, scores);
        switch (_task)
        {
            case ScenarioTask.Regression or ScenarioTask.Forecast:
                return new ConceptOutput(scores[0], 0, double.NaN);
            case ScenarioTask.Binary:
                var p = PortableMath.Sigmoid(scores[0]);
                return Binary(p);
            default:
                Softmax(scores[.._outputCount]);
                return Multiclass(scores[.._outputCount]);
        }
    }

    private ConceptOutput Blend(ReadOnlySpan<double> effects, double[] a, double[] b, double share)
    {
        Span<double> first = stackalloc double[MaxOutputs];
        Span<double> second = stackalloc double[MaxOutputs];
        Scores(effects, a, first);
        Scores(effects, b, second);
        switch (_task)
        {
            case ScenarioTask.Regression or ScenarioTask.Forecast:
                return new ConceptOutput((1 - share) * first[0] + share * second[0], 0, double.NaN);
            case ScenarioTask.Binary:
                return Binary((1 - share) * PortableMath.Sigmoid(first[0]) + share * PortableMath.Sigmoid(second[0]));
            default:
                Softmax(first[.._outputCount]);
                Softmax(second[.._outputCount]);
                for (var k = 0; k < _outputCount; k++)
                {
                    first[k] = (1 - share) * first[k] + share * second[k];
                }

                return Multiclass(first[.._outputCount]);
        }
    }

    private static ConceptOutput Binary(double p)
    {
        var positive = p >= 0.5 ? 1 : 0;
        return new ConceptOutput(positive, positive, p);
    }

    private static ConceptOutput Multiclass(ReadOnlySpan<double> probabilities)
    {
        var best = 0;
        for (var k = 1; k < probabilities.Length; k++)
        {
            if (probabilities[k] > probabilities[best])
            {
                best = k;
            }
        }

        return new ConceptOutput(best, best, probabilities[best]);
    }

    private void Scores(ReadOnlySpan<double> effects, double[] weights, Span<double> scores)
    {
        scores[.._outputCount].Clear();
        for (var e = 0; e < effects.Length; e++)
        {
            scores[_outputs[e]] += weights[e] * effects[e];
        }
    }

    private static void Softmax(Span<double> scores)
    {
        var max = double.NegativeInfinity;
        foreach (var score in scores)
        {
            max = Math.Max(max, score);
        }

        var total = 0.0;
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] = PortableMath.Exp(scores[k] - max);
            total += scores[k];
        }

        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] /= total;
        }
    }

    private ConceptPiece[] BuildPieces(Scenario scenario, double[] truth)
    {
        var effectIndex = _world.Effects.Select((effect, index) => (effect.Name, index)).ToDictionary(x => x.Name, x => x.index);
        var current = truth;
        var pieces = new List<ConceptPiece> { new(TimeSpan.MinValue, ConceptPieceKind.Fixed, current, current, TimeSpan.Zero, TimeSpan.Zero) };
        foreach (var drift in scenario.Drift.OfType<ConceptDrift>().OrderBy(d => d.At))
        {
            var next = (double[])current.Clone();
            foreach (var (name, weight) in drift.Effects)
            {
                next[effectIndex[name]] = weight;
            }

            switch (drift.Mode)
            {
                case DriftMode.Abrupt:
                    pieces.Add(new ConceptPiece(drift.At, ConceptPieceKind.Fixed, next, next, TimeSpan.Zero, TimeSpan.Zero));
                    if (drift.For is { } span)
                    {
                        pieces.Add(new ConceptPiece(drift.At + span, ConceptPieceKind.Fixed, current, current, TimeSpan.Zero, TimeSpan.Zero));
                    }
                    else
                    {
                        current = next;
                    }

                    break;
                case DriftMode.Gradual:
                    pieces.Add(new ConceptPiece(drift.At, ConceptPieceKind.Blend, current, next, drift.Over!.Value, TimeSpan.Zero));
                    pieces.Add(new ConceptPiece(drift.At + drift.Over.Value, ConceptPieceKind.Fixed, next, next, TimeSpan.Zero, TimeSpan.Zero));
                    current = next;
                    break;
                default:
                    pieces.Add(new ConceptPiece(drift.At, ConceptPieceKind.Alternating, current, next, drift.Period!.Value, drift.Active!.Value));
                    if (drift.For is { } length)
                    {
                        pieces.Add(new ConceptPiece(drift.At + length, ConceptPieceKind.Fixed, current, current, TimeSpan.Zero, TimeSpan.Zero));
                    }

                    break;
            }
        }

        return [.. pieces];
    }
}
