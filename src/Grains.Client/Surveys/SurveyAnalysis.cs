using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Scenarios.Surveys;

namespace PPipe.Grains.Client.Surveys;

/// <summary>
/// Computes a cohort's <see cref="SurveyAnalytics"/> from its survey rows and its roster, in one pass over the rows: pure, so the
/// API, the page and the benchmark run the same code. Only students on the roster and not removed count; with
/// <c>consentingOnly</c>, only those of them whose research consent is given count in the figures.
/// </summary>
public static class SurveyAnalysis
{
    public static SurveyAnalytics Compute(
        string cohortId, string cohortName, string scenarioId, SurveyInstrument? pre, SurveyInstrument? post,
        IEnumerable<StudentStanding> roster, IEnumerable<SurveyResponseRow> rows, bool consentingOnly)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(rows);
        var enrolled = new Dictionary<string, StudentProgress>(StringComparer.Ordinal);
        foreach (var standing in roster)
        {
            if (standing.RemovedAt is null)
            {
                enrolled[standing.StudentId] = standing.Progress;
            }
        }

        var competences = Competences(pre, post);
        var preShape = pre is null ? null : new Shape(pre, competences);
        var postShape = post is null ? null : new Shape(post, competences);
        var ratings = competences.Select(_ => (Pre: new List<double>(), Post: new List<double>(), Students: new List<string>())).ToArray();
        var knowledge = new KnowledgeTally(competences.Length);
        var distributions = new Distributions(pre, post);
        int preSubmitted = 0, postSubmitted = 0, both = 0, consenting = 0, analyzed = 0;
        var preRating = new (double Sum, int Count)[competences.Length];
        var postRating = new (double Sum, int Count)[competences.Length];
        var preCorrect = new int[competences.Length + 1];
        var postCorrect = new int[competences.Length + 1];
        foreach (var row in rows)
        {
            if (!enrolled.ContainsKey(row.StudentId))
            {
                continue;
            }

            var consents = row.Consent is { Given: true };
            preSubmitted += row.Pre is null ? 0 : 1;
            postSubmitted += row.Post is null ? 0 : 1;
            both += row.Pre is not null && row.Post is not null ? 1 : 0;
            consenting += consents ? 1 : 0;
            if (consentingOnly && !consents)
            {
                continue;
            }

            distributions.Add(row);
            if (preShape is null || postShape is null || row.Pre is not { } preAnswers || row.Post is not { } postAnswers)
            {
                continue;
            }

            preShape.Tally(preAnswers, preRating, preCorrect);
            postShape.Tally(postAnswers, postRating, postCorrect);
            analyzed++;
            knowledge.Add(preCorrect, postCorrect);
            for (var c = 0; c < competences.Length; c++)
            {
                if (preRating[c].Count > 0 && postRating[c].Count > 0)
                {
                    ratings[c].Pre.Add(preRating[c].Sum / preRating[c].Count);
                    ratings[c].Post.Add(postRating[c].Sum / postRating[c].Count);
                    ratings[c].Students.Add(row.StudentId);
                }
            }
        }

        var changes = competences.Select((competence, c) =>
        {
            var change = SurveyStatistics.Paired(ratings[c].Pre, ratings[c].Post);
            return new SurveyAnalytics.CompetenceChange(competence.Id, competence.Title, change.N, change.MeanBefore, change.MeanAfter,
                change.MeanChange, change.Low, change.High, change.EffectSize);
        }).ToImmutableArray();

        return new SurveyAnalytics(
            cohortId, cohortName, scenarioId, consentingOnly, RefOf(pre), RefOf(post),
            new SurveyAnalytics.ResponseCounts(enrolled.Count, preSubmitted, postSubmitted, both, consenting, analyzed),
            changes,
            knowledge.Shares(competences, preShape, postShape, analyzed),
            Correlations(competences, ratings, enrolled),
            distributions.ToImmutable());
    }

    private static SurveyAnalytics.InstrumentRef? RefOf(SurveyInstrument? instrument) =>
        instrument is null ? null : new(instrument.Id, instrument.Version, instrument.Title);

    /// <summary>The competences both surveys measure (by id), in the post-survey's order; those of the one survey when only one is attached.</summary>
    private static ImmutableArray<SurveyCompetence> Competences(SurveyInstrument? pre, SurveyInstrument? post)
    {
        if (pre is null || post is null)
        {
            return (pre ?? post)?.Competences ?? [];
        }

        var before = pre.Competences.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return [.. post.Competences.Where(c => before.Contains(c.Id))];
    }

    private static ImmutableArray<SurveyAnalytics.CriterionCorrelation> Correlations(ImmutableArray<SurveyCompetence> competences,
        (List<double> Pre, List<double> Post, List<string> Students)[] ratings, Dictionary<string, StudentProgress> enrolled)
    {
        var criteria = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var progress in enrolled.Values)
        {
            if (!progress.CriterionScores.IsDefault)
            {
                foreach (var score in progress.CriterionScores)
                {
                    criteria.Add(score.Name);
                }
            }
        }

        var correlations = ImmutableArray.CreateBuilder<SurveyAnalytics.CriterionCorrelation>();
        for (var c = 0; c < competences.Length; c++)
        {
            foreach (var criterion in criteria)
            {
                var change = new List<double>();
                var score = new List<double>();
                for (var i = 0; i < ratings[c].Students.Count; i++)
                {
                    var scores = enrolled[ratings[c].Students[i]].CriterionScores;
                    if (!scores.IsDefault && scores.FirstOrDefault(s => s.Name == criterion) is { } found)
                    {
                        change.Add(ratings[c].Post[i] - ratings[c].Pre[i]);
                        score.Add(found.Score);
                    }
                }

                var r = SurveyStatistics.Pearson(change, score);
                correlations.Add(new(competences[c].Id, criterion, r.N, r.R, r.Low, r.High));
            }
        }

        return correlations.ToImmutable();
    }

    /// <summary>
    /// Each counted item of either survey (by id, the pre-survey's first), with a tally for each survey that has it; an item both
    /// surveys share is counted against its pre-survey labels in both.
    /// </summary>
    private sealed class Distributions
    {
        private readonly List<(SurveyItem Item, ItemTally? Pre, ItemTally? Post)> _items = [];
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        public Distributions(SurveyInstrument? pre, SurveyInstrument? post)
        {
            foreach (var (instrument, isPre) in new[] { (pre, true), (post, false) })
            {
                if (instrument is null)
                {
                    continue;
                }

                foreach (var item in ItemTally.CountedItems(instrument))
                {
                    if (!_index.TryGetValue(item.Id, out var at))
                    {
                        at = _index[item.Id] = _items.Count;
                        _items.Add((item, null, null));
                    }

                    var tally = new ItemTally(_items[at].Item);
                    _items[at] = isPre ? _items[at] with { Pre = tally } : _items[at] with { Post = tally };
                }
            }
        }

        public void Add(SurveyResponseRow row)
        {
            Add(row.Pre, isPre: true);
            Add(row.Post, isPre: false);
        }

        public ImmutableArray<SurveyAnalytics.ItemDistribution> ToImmutable() =>
        [
            .. _items.Select(c =>
            {
                var labels = (c.Pre ?? c.Post)!;
                return new SurveyAnalytics.ItemDistribution(c.Item.Id, labels.Kind, c.Item.Text, c.Item.Competence, labels.Labels,
                    c.Item.Kind == SurveyItemKind.Likert ? [] : c.Item.Key, c.Pre?.Counts, c.Post?.Counts, c.Pre?.Answered ?? 0,
                    c.Post?.Answered ?? 0);
            }),
        ];

        private void Add(SurveySubmission? submission, bool isPre)
        {
            foreach (var answer in submission?.Answers ?? [])
            {
                if (_index.TryGetValue(answer.ItemId, out var at) && (isPre ? _items[at].Pre : _items[at].Post) is { } tally)
                {
                    tally.Add(answer);
                }
            }
        }
    }

    /// <summary>An instrument's items by id, each with the index of its competence among the analysed ones (-1: none of them).</summary>
    private sealed class Shape
    {
        private readonly Dictionary<string, (SurveyItem Item, int Competence)> _items = new(StringComparer.Ordinal);

        public Shape(SurveyInstrument instrument, ImmutableArray<SurveyCompetence> competences)
        {
            KnowledgeItems = new int[competences.Length + 1];
            var analysed = competences.Select((c, i) => (c.Id, i)).ToDictionary(c => c.Id, c => c.i, StringComparer.Ordinal);
            foreach (var item in instrument.Sections.SelectMany(s => s.Items))
            {
                var competence = item.Competence is { } id && analysed.TryGetValue(id, out var at) ? at : -1;
                _items[item.Id] = (item, competence);
                if (IsKnowledge(item))
                {
                    KnowledgeItems[competence < 0 ? competences.Length : competence]++;
                }
            }
        }

        /// <summary>Knowledge questions per analysed competence; the last slot counts those of no analysed competence.</summary>
        public int[] KnowledgeItems { get; }

        public int KnowledgeTotal => KnowledgeItems.Sum();

        /// <summary>Fills one student's self-rating sums and correct answers per competence (the last slot: no analysed competence).</summary>
        public void Tally(SurveySubmission submission, (double Sum, int Count)[] ratings, int[] correct)
        {
            Array.Clear(ratings);
            Array.Clear(correct);
            foreach (var answer in submission.Answers)
            {
                if (!_items.TryGetValue(answer.ItemId, out var entry))
                {
                    continue;
                }

                var (item, competence) = entry;
                if (item.Kind == SurveyItemKind.Likert && competence >= 0 && answer.Number is { } rating)
                {
                    ratings[competence] = (ratings[competence].Sum + rating, ratings[competence].Count + 1);
                }
                else if (IsKnowledge(item) && IsCorrect(item, answer))
                {
                    correct[competence < 0 ? correct.Length - 1 : competence]++;
                }
            }
        }

        private static bool IsKnowledge(SurveyItem item) =>
            item.Kind is SurveyItemKind.Single or SurveyItemKind.Multiple && !item.Key.IsDefaultOrEmpty;

        private static bool IsCorrect(SurveyItem item, SurveyAnswer answer) => item.Kind == SurveyItemKind.Single
            ? answer.Number is { } option && option == item.Key[0]
            : answer.Choices is { } choices && choices.Length == item.Key.Length && choices.Order().SequenceEqual(item.Key.Order());
    }

    /// <summary>Correct answers summed over the analysed students, per competence and in a last slot for questions of none.</summary>
    private sealed class KnowledgeTally(int competences)
    {
        private readonly long[] _pre = new long[competences + 1];
        private readonly long[] _post = new long[competences + 1];

        public void Add(int[] preCorrect, int[] postCorrect)
        {
            for (var c = 0; c < _pre.Length; c++)
            {
                _pre[c] += preCorrect[c];
                _post[c] += postCorrect[c];
            }
        }

        public ImmutableArray<SurveyAnalytics.KnowledgeShare> Shares(ImmutableArray<SurveyCompetence> competences, Shape? pre, Shape? post, int n)
        {
            var shares = ImmutableArray.CreateBuilder<SurveyAnalytics.KnowledgeShare>();
            for (var c = 0; c < competences.Length; c++)
            {
                var preItems = pre?.KnowledgeItems[c] ?? 0;
                var postItems = post?.KnowledgeItems[c] ?? 0;
                if (preItems + postItems > 0)
                {
                    shares.Add(Share(competences[c].Id, competences[c].Title, preItems, postItems, _pre[c], _post[c], n));
                }
            }

            shares.Add(Share(null, "Overall", pre?.KnowledgeTotal ?? 0, post?.KnowledgeTotal ?? 0, _pre.Sum(), _post.Sum(), n));
            return shares.ToImmutable();
        }

        private static SurveyAnalytics.KnowledgeShare Share(string? competence, string title, int preItems, int postItems, long preCorrect,
            long postCorrect, int n)
        {
            double? preShare = n > 0 && preItems > 0 ? preCorrect / (double)(preItems * (long)n) : null;
            double? postShare = n > 0 && postItems > 0 ? postCorrect / (double)(postItems * (long)n) : null;
            var gain = preShare is { } before && postShare is { } after ? SurveyStatistics.NormalizedGain(before, after) : null;
            return new(competence, title, preItems, postItems, n, preShare, postShare, gain);
        }
    }
}
