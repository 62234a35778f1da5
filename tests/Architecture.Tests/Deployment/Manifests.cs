using PPipe.Architecture.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace PPipe.Architecture.Tests.Deployment;

/// <summary>The Kubernetes manifests in <c>deploy/kubernetes</c>, parsed, with the questions the tests ask of them.</summary>
internal sealed class Manifests
{
    public const string Folder = "deploy/kubernetes";

    private Manifests(IReadOnlyList<(string File, YamlMappingNode Node)> documents) => Documents = documents;

    /// <summary>Every YAML document of every file, with the file it came from.</summary>
    public IReadOnlyList<(string File, YamlMappingNode Node)> Documents { get; }

    public static Manifests Load()
    {
        var documents = new List<(string, YamlMappingNode)>();
        foreach (var path in Directory.GetFiles(RepoPaths.File(Folder), "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                stream.Load(reader);
            }

            documents.AddRange(stream.Documents.Select(d => (Path.GetFileName(path), (YamlMappingNode)d.RootNode)));
        }

        return new Manifests(documents);
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) =>
        Documents.Where(d => Text(d.Node, "kind") == kind).Select(d => d.Node);

    public YamlMappingNode Named(string kind, string name) =>
        OfKind(kind).Single(n => Text(n, "metadata", "name") == name);

    /// <summary>The pod templates of the workloads (Deployments and Jobs), keyed by the workload's name.</summary>
    public IEnumerable<(string Name, YamlMappingNode Pod)> PodTemplates() =>
        OfKind("Deployment").Concat(OfKind("Job"))
            .Select(w => (Text(w, "metadata", "name")!, (YamlMappingNode)Node(w, "spec", "template")!));

    public static IEnumerable<YamlMappingNode> Containers(YamlMappingNode pod) =>
        Sequence(pod, "spec", "containers").Cast<YamlMappingNode>();

    public static IReadOnlyDictionary<string, string> Labels(YamlMappingNode node, params string[] path) =>
        Node(node, path) is YamlMappingNode map
            ? map.Children.Where(c => c.Value is YamlScalarNode)
                .ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!, StringComparer.Ordinal)
            : new Dictionary<string, string>();

    public static YamlNode? Node(YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var step in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(step), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public static string? Text(YamlNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Sequence(YamlNode node, params string[] path) =>
        Node(node, path) is YamlSequenceNode sequence ? sequence.Children : [];
}
