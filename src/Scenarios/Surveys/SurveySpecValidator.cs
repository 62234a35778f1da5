using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using PPipe.Scenarios.Spec;
using PPipe.Scenarios.Validation;
using static PPipe.Scenarios.Spec.SpecValues;

namespace PPipe.Scenarios.Surveys;

/// <summary>
/// Binds a parsed instrument spec and checks every rule in one pass. Each problem names the path of the value at fault and
/// says what to write instead; checking goes on after a problem, so the author sees them all at once.
/// </summary>
internal sealed partial class SurveySpecValidator(List<SpecError> errors)
{
    public const int MaxVersion = 10_000;
    public const int MaxSections = 50;
    public const int MaxItems = 300;
    public const int MaxCompetences = 50;
    public const int MaxOptions = 12;
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 1_000;
    public const int MaxOptionLength = 300;
    public const int MaxDescriptionLength = 4_000;
    public const int DefaultMaxAnswerLength = 2_000;
    public const int MaxAnswerLength = 4_000;
    public const int MaxScalePoints = 11;

    private static readonly string[] TopKeys = ["id", "version", "title", "description", "scale", "competences", "sections"];
    private static readonly string[] ScaleKeys = ["min", "max", "labels"];
    private static readonly string[] CompetenceKeys = ["id", "title"];
    private static readonly string[] SectionKeys = ["id", "title", "items"];
    private static readonly string[] Kinds = ["likert", "single", "multiple", "text"];

    private static readonly Dictionary<string, string[]> ItemKeys = new(StringComparer.Ordinal)
    {
        ["likert"] = ["id", "kind", "text", "competence", "required", "scale"],
        ["single"] = ["id", "kind", "text", "competence", "required", "options", "answer"],
        ["multiple"] = ["id", "kind", "text", "competence", "required", "options", "answer"],
        ["text"] = ["id", "kind", "text", "competence", "required", "maxLength"],
    };

    private static readonly string[] AnyItemKeys = [.. ItemKeys.Values.SelectMany(k => k).Distinct()];

    private readonly HashSet<string> _rated = new(StringComparer.Ordinal);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex IdPattern();

    public SurveyInstrument? Validate(SpecNode root)
    {
        if (root is not SpecMap map)
        {
            errors.Add(new SpecError("", $"expected keys and values at the top (like 'id: my-survey'), got {Describe(root)}"));
            return null;
        }

        CheckKeys(map, "", TopKeys);
        var id = RequiredId(map, "", "id");
        var version = Version(map);
        var title = RequiredText(map, "", "title", MaxTitleLength);
        var description = OptionalText(map, "", "description", MaxDescriptionLength);
        var scale = map.Find("scale") is { } scaleNode ? Scale(scaleNode, "scale") : SurveyScale.Default;
        var competences = Competences(map);
        var sections = Sections(map, competences, scale ?? SurveyScale.Default);
        CheckEveryCompetenceRated(competences);

        return errors.Count > 0 || id is null || version is null || title is null
            ? null
            : new SurveyInstrument(id, version.Value, title, description, [.. competences.Select(c => c.Competence)], sections);
    }

    private int? Version(SpecMap map)
    {
        switch (map.Find("version"))
        {
            case null or SpecScalar { Text: null }:
                errors.Add(new SpecError("version", "missing; give the version as a whole number from 1 (a changed instrument is a new version)"));
                return null;
            case SpecScalar { Text: var text } when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                                                    && version is >= 1 and <= MaxVersion:
                return version;
            case var other:
                errors.Add(new SpecError("version", $"expected a whole number from 1 to {MaxVersion}, got {Describe(other)}"));
                return null;
        }
    }

    private SurveyScale? Scale(SpecNode node, string path)
    {
        if (node is not SpecMap map)
        {
            errors.Add(new SpecError(path, $"expected keys and values (min, max, labels), got {Describe(node)}"));
            return null;
        }

        CheckKeys(map, path, ScaleKeys);
        var min = Int(map, path, "min");
        var max = Int(map, path, "max");
        var labels = TextList(map, path, "labels", MaxOptionLength);
        if (min is null || max is null)
        {
            if (map.Find("min") is null)
            {
                errors.Add(new SpecError(Join(path, "min"), "missing; give the lowest point of the scale, like 1"));
            }

            if (map.Find("max") is null)
            {
                errors.Add(new SpecError(Join(path, "max"), "missing; give the highest point of the scale, like 5"));
            }

            return null;
        }

        if (max <= min || max - min + 1 > MaxScalePoints)
        {
            errors.Add(new SpecError(Join(path, "max"), $"must be above min ({min}) and the scale at most {MaxScalePoints} points, got {max}"));
            return null;
        }

        if (labels is not null && labels.Count != max - min + 1)
        {
            errors.Add(new SpecError(Join(path, "labels"), $"give one label for each point from {min} to {max} ({max - min + 1}), got {labels.Count}"));
            return null;
        }

        return new SurveyScale(min.Value, max.Value, labels is null ? [] : [.. labels]);
    }

    private List<(SurveyCompetence Competence, string Path)> Competences(SpecMap map)
    {
        var result = new List<(SurveyCompetence, string)>();
        if (List(map, "", "competences") is not { } list)
        {
            return result;
        }

        if (list.Count > MaxCompetences)
        {
            errors.Add(new SpecError("competences", $"at most {MaxCompetences} competences, got {list.Count}"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"competences[{i}]";
            if (list[i] is not SpecMap entry)
            {
                errors.Add(new SpecError(path, $"expected keys and values (id, title), got {Describe(list[i])}"));
                continue;
            }

            CheckKeys(entry, path, CompetenceKeys);
            var id = RequiredId(entry, path, "id");
            var title = RequiredText(entry, path, "title", MaxTitleLength);
            if (id is not null && !seen.Add(id))
            {
                errors.Add(new SpecError(Join(path, "id"), $"'{id}' is already the id of another competence; ids are unique"));
            }
            else if (id is not null && title is not null)
            {
                result.Add((new SurveyCompetence(id, title), path));
            }
        }

        return result;
    }

    private ImmutableArray<SurveySection> Sections(SpecMap map, List<(SurveyCompetence Competence, string Path)> competences, SurveyScale scale)
    {
        if (List(map, "", "sections") is not { } list)
        {
            if (map.Find("sections") is null or SpecScalar { Text: null })
            {
                errors.Add(new SpecError("sections", "missing; list the sections, each with an id, a title and its items"));
            }

            return [];
        }

        if (list.Count == 0 || list.Count > MaxSections)
        {
            errors.Add(new SpecError("sections", $"give 1 to {MaxSections} sections, got {list.Count}"));
        }

        var competenceIds = competences.Select(c => c.Competence.Id).ToList();
        var sectionIds = new HashSet<string>(StringComparer.Ordinal);
        var itemIds = new HashSet<string>(StringComparer.Ordinal);
        var sections = ImmutableArray.CreateBuilder<SurveySection>();
        var itemCount = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"sections[{i}]";
            if (list[i] is not SpecMap entry)
            {
                errors.Add(new SpecError(path, $"expected keys and values (id, title, items), got {Describe(list[i])}"));
                continue;
            }

            CheckKeys(entry, path, SectionKeys);
            var id = RequiredId(entry, path, "id");
            if (id is not null && !sectionIds.Add(id))
            {
                errors.Add(new SpecError(Join(path, "id"), $"'{id}' is already the id of another section; ids are unique"));
            }

            var title = RequiredText(entry, path, "title", MaxTitleLength);
            var items = ImmutableArray.CreateBuilder<SurveyItem>();
            var itemsPath = Join(path, "items");
            if (List(entry, path, "items") is not { } itemNodes)
            {
                if (entry.Find("items") is null or SpecScalar { Text: null })
                {
                    errors.Add(new SpecError(itemsPath, "missing; list the section's items"));
                }
            }
            else if (itemNodes.Count == 0)
            {
                errors.Add(new SpecError(itemsPath, "a section needs at least one item"));
            }
            else
            {
                for (var j = 0; j < itemNodes.Count; j++)
                {
                    itemCount++;
                    if (Item(itemNodes[j], $"{itemsPath}[{j}]", competenceIds, scale, itemIds) is { } item)
                    {
                        items.Add(item);
                    }
                }
            }

            if (id is not null && title is not null)
            {
                sections.Add(new SurveySection(id, title, items.ToImmutable()));
            }
        }

        if (itemCount > MaxItems)
        {
            errors.Add(new SpecError("sections", $"at most {MaxItems} items in all, got {itemCount}"));
        }

        return sections.ToImmutable();
    }

    private SurveyItem? Item(SpecNode node, string path, List<string> competences, SurveyScale instrumentScale, HashSet<string> itemIds)
    {
        if (node is not SpecMap map)
        {
            errors.Add(new SpecError(path, $"expected keys and values (id, kind, text...), got {Describe(node)}"));
            return null;
        }

        var kindText = Text(map, path, "kind");
        SurveyItemKind? kind = kindText switch
        {
            "likert" => SurveyItemKind.Likert,
            "single" => SurveyItemKind.Single,
            "multiple" => SurveyItemKind.Multiple,
            "text" => SurveyItemKind.Text,
            _ => null,
        };
        if (kind is null)
        {
            errors.Add(new SpecError(Join(path, "kind"), kindText is null
                ? $"missing; give one of {string.Join(", ", Kinds)}"
                : $"unknown kind '{kindText}'; {Suggestions.Hint(kindText, Kinds)}"));
        }

        CheckKeys(map, path, kindText is not null && ItemKeys.TryGetValue(kindText, out var allowed) ? allowed : AnyItemKeys,
            kind is null ? null : kindText);
        var id = RequiredId(map, path, "id");
        if (id is not null && !itemIds.Add(id))
        {
            errors.Add(new SpecError(Join(path, "id"), $"'{id}' is already the id of another item; item ids are unique in the instrument"));
        }

        var text = RequiredText(map, path, "text", MaxTextLength);
        var competence = OptionalText(map, path, "competence", MaxTitleLength);
        if (competence is not null && !competences.Contains(competence))
        {
            errors.Add(new SpecError(Join(path, "competence"), competences.Count == 0
                ? $"'{competence}' is not a competence; declare it under 'competences' first"
                : $"'{competence}' is not a declared competence; {Suggestions.Hint(competence, competences)}"));
        }
        else if (competence is null && kind == SurveyItemKind.Likert && map.Find("competence") is null)
        {
            errors.Add(new SpecError(Join(path, "competence"), "missing; a self-rating rates one competence, named by its id"));
        }

        if (kind == SurveyItemKind.Likert && competence is not null)
        {
            _rated.Add(competence);
        }

        var required = Bool(map, path, "required") ?? kind != SurveyItemKind.Text;
        SurveyScale? scale = null;
        ImmutableArray<string> options = [];
        ImmutableArray<int> key = [];
        var maxLength = 0;
        switch (kind)
        {
            case SurveyItemKind.Likert:
                scale = map.Find("scale") is { } scaleNode ? Scale(scaleNode, Join(path, "scale")) : instrumentScale;
                break;
            case SurveyItemKind.Single or SurveyItemKind.Multiple:
                options = Options(map, path);
                key = AnswerKey(map, path, kind.Value, options.Length);
                break;
            case SurveyItemKind.Text:
                maxLength = Int(map, path, "maxLength") ?? DefaultMaxAnswerLength;
                if (maxLength is < 1 or > MaxAnswerLength)
                {
                    errors.Add(new SpecError(Join(path, "maxLength"), $"give a length from 1 to {MaxAnswerLength} characters, got {maxLength}"));
                }

                break;
        }

        return id is null || kind is null || text is null ? null : new SurveyItem(id, kind.Value, text, competence, required, scale, options, key, maxLength);
    }

    private ImmutableArray<string> Options(SpecMap map, string path)
    {
        var optionsPath = Join(path, "options");
        var options = TextList(map, path, "options", MaxOptionLength);
        if (options is null)
        {
            if (map.Find("options") is null or SpecScalar { Text: null })
            {
                errors.Add(new SpecError(optionsPath, $"missing; list 2 to {MaxOptions} options"));
            }

            return [];
        }

        if (options.Count is < 2 or > MaxOptions)
        {
            errors.Add(new SpecError(optionsPath, $"give 2 to {MaxOptions} options, got {options.Count}"));
        }

        for (var i = 0; i < options.Count; i++)
        {
            if (options.IndexOf(options[i]) < i)
            {
                errors.Add(new SpecError($"{optionsPath}[{i}]", $"'{options[i]}' is listed twice; options differ from each other"));
            }
        }

        return [.. options];
    }

    private ImmutableArray<int> AnswerKey(SpecMap map, string path, SurveyItemKind kind, int optionCount)
    {
        var answerPath = Join(path, "answer");
        var node = map.Find("answer");
        var hint = kind == SurveyItemKind.Single
            ? "the index of the right option, counting from 0 (like 'answer: 2')"
            : "the indexes of the right options, counting from 0 (like 'answer: [0, 2]')";
        List<SpecNode> indexes;
        switch (node)
        {
            // An opinion question (course feedback) has no right option: it says so rather than leaving the key out by mistake.
            case SpecScalar { Text: "none" }:
                return [];
            case null or SpecScalar { Text: null }:
                errors.Add(new SpecError(answerPath, $"missing; give {hint}, or 'none' for a question without a right answer"));
                return [];
            case SpecScalar when kind == SurveyItemKind.Single:
                indexes = [node];
                break;
            case SpecList list when kind == SurveyItemKind.Multiple:
                indexes = [.. list.Items];
                break;
            default:
                errors.Add(new SpecError(answerPath, $"expected {hint}, got {Describe(node)}"));
                return [];
        }

        if (indexes.Count == 0)
        {
            errors.Add(new SpecError(answerPath, "give at least one right option"));
            return [];
        }

        var key = new List<int>();
        for (var i = 0; i < indexes.Count; i++)
        {
            var itemPath = kind == SurveyItemKind.Single ? answerPath : $"{answerPath}[{i}]";
            if (indexes[i] is not SpecScalar { Text: { } text } || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                errors.Add(new SpecError(itemPath, $"expected an option's index (a whole number from 0), got {Describe(indexes[i])}"));
            }
            else if (optionCount > 0 && index >= optionCount)
            {
                errors.Add(new SpecError(itemPath, $"{index} is not an option: the options are numbered 0 to {optionCount - 1}"));
            }
            else if (key.Contains(index))
            {
                errors.Add(new SpecError(itemPath, $"{index} is listed twice"));
            }
            else
            {
                key.Add(index);
            }
        }

        key.Sort();
        return [.. key];
    }

    private void CheckEveryCompetenceRated(List<(SurveyCompetence Competence, string Path)> competences)
    {
        foreach (var (competence, path) in competences)
        {
            if (!_rated.Contains(competence.Id))
            {
                errors.Add(new SpecError(path, $"no self-rating (kind likert) rates '{competence.Id}'; add one, or leave the competence out"));
            }
        }
    }

    private void CheckKeys(SpecMap map, string path, string[] allowed, string? kind = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in map.Entries)
        {
            var keyPath = Join(path, key);
            if (!seen.Add(key))
            {
                errors.Add(new SpecError(keyPath, "appears more than once; keep one"));
            }
            else if (!allowed.Contains(key))
            {
                errors.Add(new SpecError(keyPath, kind is not null && AnyItemKeys.Contains(key)
                    ? $"a {kind} item takes no '{key}'; its keys are {string.Join(", ", allowed)}"
                    : $"unknown key; {Suggestions.Hint(key, allowed, "expected one of")}"));
            }
        }
    }

    private string? RequiredId(SpecMap map, string path, string key)
    {
        var id = Text(map, path, key);
        if (id is null)
        {
            if (map.Find(key) is null or SpecScalar { Text: null })
            {
                errors.Add(new SpecError(Join(path, key), "missing; give an id of lower-case letters, digits and '-', like 'data-quality'"));
            }

            return null;
        }

        if (!IdPattern().IsMatch(id))
        {
            errors.Add(new SpecError(Join(path, key), $"'{id}' is not an id: use 1 to 63 lower-case letters, digits and '-', starting with a letter or digit"));
            return null;
        }

        return id;
    }

    private string? RequiredText(SpecMap map, string path, string key, int maxLength)
    {
        var text = OptionalText(map, path, key, maxLength);
        if (text is null && map.Find(key) is null or SpecScalar { Text: null })
        {
            errors.Add(new SpecError(Join(path, key), "missing; this needs some text"));
        }

        return text;
    }

    private string? OptionalText(SpecMap map, string path, string key, int maxLength)
    {
        var text = Text(map, path, key)?.Trim();
        if (text is null)
        {
            return null;
        }

        if (text.Length == 0)
        {
            errors.Add(new SpecError(Join(path, key), "is empty; write some text or leave the key out"));
            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add(new SpecError(Join(path, key), $"at most {maxLength} characters, got {text.Length}"));
            return null;
        }

        return text;
    }

    private List<string>? TextList(SpecMap map, string path, string key, int maxLength)
    {
        if (List(map, path, key) is not { } list)
        {
            return null;
        }

        var items = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            var itemPath = $"{Join(path, key)}[{i}]";
            if (list[i] is not SpecScalar { Text: { } text } || text.Trim().Length == 0)
            {
                errors.Add(new SpecError(itemPath, $"expected some text, got {Describe(list[i])}"));
            }
            else if (text.Trim().Length > maxLength)
            {
                errors.Add(new SpecError(itemPath, $"at most {maxLength} characters, got {text.Trim().Length}"));
            }
            else
            {
                items.Add(text.Trim());
            }
        }

        return items;
    }

    private IReadOnlyList<SpecNode>? List(SpecMap map, string path, string key)
    {
        switch (map.Find(key))
        {
            case null or SpecScalar { Text: null }:
                return null;
            case SpecList list:
                return list.Items;
            case var other:
                errors.Add(new SpecError(Join(path, key), $"expected a list (items starting with '- '), got {Describe(other)}"));
                return null;
        }
    }

    private int? Int(SpecMap map, string path, string key)
    {
        switch (map.Find(key))
        {
            case null or SpecScalar { Text: null }:
                return null;
            case SpecScalar { Text: var text } when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value):
                return value;
            case var other:
                errors.Add(new SpecError(Join(path, key), $"expected a whole number, got {Describe(other)}"));
                return null;
        }
    }

    private string? Text(SpecMap map, string path, string key) => SpecValues.Text(errors, map, path, key);

    private bool? Bool(SpecMap map, string path, string key) => SpecValues.Bool(errors, map, path, key);
}
