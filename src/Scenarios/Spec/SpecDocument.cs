using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PPipe.Scenarios.Spec;

/// <summary>Parses spec text (YAML, or JSON when it starts with <c>{</c>) into a <see cref="SpecNode"/> tree.</summary>
internal static class SpecDocument
{
    /// <summary>The first line a scenario spec could start with, said when a spec is empty.</summary>
    public const string ScenarioStart = "a line like 'template: taxi-fares'";

    /// <summary>Parses <paramref name="text"/>; an empty spec (blank, or only comments) is reported with <paramref name="start"/>,
    /// what such a spec could start with (<see cref="ScenarioStart"/> unless the reader names its own).</summary>
    public static SpecNode? Parse(string text, List<SpecError> errors, string start = ScenarioStart)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(Empty(start));
            return null;
        }

        return text.TrimStart().StartsWith('{') ? ParseJson(text, errors) : ParseYaml(text, errors, start);
    }

    private static SpecError Empty(string start) => new("", $"the spec is empty; start with {start}");

    private static SpecNode? ParseYaml(string text, List<SpecError> errors, string start)
    {
        // Read the parser's events rather than YamlDotNet's node model: the model rejects duplicate keys
        // outright, while here they reach the binder and are reported with their path, as in JSON.
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                errors.Add(Empty(start));
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadYaml(parser, new Dictionary<string, SpecNode>(StringComparer.Ordinal));
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                errors.Add(new SpecError("", "the spec holds several YAML documents (separated by '---'); keep one"));
                return null;
            }

            return root;
        }
        catch (YamlException e)
        {
            var reason = (e.InnerException as YamlException ?? e).Message;
            var cut = reason.IndexOf("): ", StringComparison.Ordinal);
            reason = cut >= 0 && reason.StartsWith("(Line", StringComparison.Ordinal) ? reason[(cut + 3)..] : reason;
            errors.Add(new SpecError("", $"line {e.Start.Line}, column {e.Start.Column}: {reason.TrimEnd('.')}"));
            return null;
        }
    }

    private static SpecNode ReadYaml(IParser parser, Dictionary<string, SpecNode> anchors)
    {
        SpecNode node;
        string? anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var isNull = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
            node = new SpecScalar(isNull ? null : scalar.Value);
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
        }
        else if (parser.TryConsume<SequenceStart>(out var sequence))
        {
            var items = new List<SpecNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadYaml(parser, anchors));
            }

            node = new SpecList(items);
            anchor = sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value;
        }
        else if (parser.TryConsume<MappingStart>(out var mapping))
        {
            var entries = new List<KeyValuePair<string, SpecNode>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadYaml(parser, anchors) is SpecScalar { Text: { } text } ? text : "";
                entries.Add(KeyValuePair.Create(key, ReadYaml(parser, anchors)));
            }

            node = new SpecMap(entries);
            anchor = mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value;
        }
        else
        {
            var alias = parser.Consume<AnchorAlias>();
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value.Value} refers to no anchor");
        }

        if (anchor is not null)
        {
            anchors[anchor] = node;
        }

        return node;
    }

    private static SpecNode? ParseJson(string text, List<SpecError> errors)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
            });
            return FromJson(document.RootElement);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            var reason = e.Message;
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            reason = cut > 0 ? reason[..cut] : reason;
            errors.Add(new SpecError("", $"line {line}, column {column}: {reason.TrimEnd().TrimEnd('.', '|').TrimEnd()}"));
            return null;
        }
    }

    private static SpecNode FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new SpecMap(element.EnumerateObject()
            .Select(property => KeyValuePair.Create(property.Name, FromJson(property.Value)))
            .ToList()),
        JsonValueKind.Array => new SpecList(element.EnumerateArray().Select(FromJson).ToList()),
        JsonValueKind.String => new SpecScalar(element.GetString()),
        JsonValueKind.Null or JsonValueKind.Undefined => new SpecScalar(null),
        _ => new SpecScalar(element.GetRawText()),
    };
}
