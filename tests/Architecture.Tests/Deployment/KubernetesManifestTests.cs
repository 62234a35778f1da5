using PPipe.Architecture.Tests.Configuration;
using PPipe.Architecture.Tests.Infrastructure;
using PPipe.Hosting;
using YamlDotNet.RepresentationModel;
using static PPipe.Architecture.Tests.Deployment.Manifests;

namespace PPipe.Architecture.Tests.Deployment;

/// <summary>
/// The Kubernetes manifests stay consistent with the code and with each other: every setting they pass is one the hosts
/// read, probes hit the operations endpoints, selectors find their pods, silos carry what Orleans' Kubernetes hosting
/// needs, and the connection pools fit PostgreSQL's default limit.
/// </summary>
public sealed class KubernetesManifestTests
{
    /// <summary>Variables the runtime, ASP.NET or Orleans' Kubernetes hosting read, rather than P-PIPE's configuration.</summary>
    private static readonly HashSet<string> RuntimeVariables = new(StringComparer.Ordinal)
    {
        "ASPNETCORE_URLS", "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID",
    };

    private const int PostgresDefaultMaxConnections = 100;

    private readonly Manifests _manifests = Load();

    [Fact]
    public void Kustomization_ListsEveryManifestInTheFolder()
    {
        var listed = Sequence(_manifests.OfKind("Kustomization").Single(), "resources").Select(r => ((YamlScalarNode)r).Value!).Order(StringComparer.Ordinal);
        var files = _manifests.Documents.Select(d => d.File).Distinct().Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal);

        Assert.Equal(files, listed);
    }

    [Fact]
    public void Settings_EveryVariablePassedToAHost_IsAConfigurationKeyTheHostsRead()
    {
        var names = _manifests.PodTemplates()
            .SelectMany(t => Containers(t.Pod))
            .SelectMany(c => Sequence(c, "env").Select(e => Text(e, "name")!))
            .Concat(_manifests.OfKind("ConfigMap").SelectMany(m => Labels(m, "data").Keys))
            .Where(name => !RuntimeVariables.Contains(name) && !name.StartsWith("DOTNET_", StringComparison.Ordinal))
            .Distinct();

        var unknown = names.Where(name => !ConfigurationKeys.Exists(name.Replace("__", ":", StringComparison.Ordinal))).ToList();

        Assert.Empty(unknown);
    }

    [Fact]
    public void Secrets_OnlyTheDocumentedSecretAndKeys()
    {
        var kustomization = File.ReadAllText(RepoPaths.File($"{Folder}/kustomization.yaml"));
        var references = _manifests.PodTemplates()
            .SelectMany(t => Containers(t.Pod))
            .SelectMany(c => Sequence(c, "env"))
            .Select(e => Node(e, "valueFrom", "secretKeyRef"))
            .OfType<YamlMappingNode>()
            .Select(r => (Secret: Text(r, "name")!, Key: Text(r, "key")!))
            .Distinct()
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Equal("ppipe", r.Secret));
        Assert.All(references, r => Assert.Contains($"--from-literal={r.Key}=", kustomization, StringComparison.Ordinal));
    }

    [Fact]
    public void Workloads_SelectorsMatchTheirPodLabels()
    {
        foreach (var deployment in _manifests.OfKind("Deployment"))
        {
            var selector = Labels(deployment, "spec", "selector", "matchLabels");
            var pod = Labels(deployment, "spec", "template", "metadata", "labels");

            Assert.NotEmpty(selector);
            Assert.All(selector, label => Assert.Equal(label.Value, pod.GetValueOrDefault(label.Key)));
        }
    }

    [Fact]
    public void ServicesAndBudgets_SelectPodsThatExist_OnPortsTheyExpose()
    {
        var pods = _manifests.PodTemplates().Select(t => t.Pod).ToList();
        foreach (var selecting in _manifests.OfKind("Service").Concat(_manifests.OfKind("PodDisruptionBudget")))
        {
            var selector = Labels(selecting, "spec", "selector").Concat(Labels(selecting, "spec", "selector", "matchLabels")).ToDictionary();
            var matched = pods.Where(p => selector.All(l => Labels(p, "metadata", "labels").GetValueOrDefault(l.Key) == l.Value)).ToList();

            Assert.NotEmpty(selector);
            Assert.NotEmpty(matched);
            foreach (var target in Sequence(selecting, "spec", "ports").Select(p => Text(p, "targetPort")!))
            {
                Assert.All(matched, pod => Assert.Contains(target, PortNames(pod)));
            }
        }
    }

    [Fact]
    public void Probes_ReadinessAndLivenessUseTheOperationsEndpointsOnADeclaredPort()
    {
        foreach (var container in _manifests.OfKind("Deployment").SelectMany(d => Containers((YamlMappingNode)Node(d, "spec", "template")!)))
        {
            var ports = Sequence(container, "ports").Select(p => Text(p, "name")).ToList();

            Assert.Equal("/readyz", Text(container, "readinessProbe", "httpGet", "path"));
            Assert.Equal("/healthz", Text(container, "livenessProbe", "httpGet", "path"));
            Assert.Contains(Text(container, "readinessProbe", "httpGet", "port"), ports);
            Assert.Contains(Text(container, "livenessProbe", "httpGet", "port"), ports);
        }
    }

    [Fact]
    public void Silos_CarryWhatOrleansKubernetesHostingNeeds()
    {
        var silo = _manifests.Named("Deployment", "ppipe-silo");
        var pod = (YamlMappingNode)Node(silo, "spec", "template")!;
        var container = Containers(pod).Single();
        var env = Environment(container);
        var config = Labels(_manifests.Named("ConfigMap", "ppipe-config"), "data");
        var labels = Labels(pod, "metadata", "labels");

        Assert.Equal("true", env["Cluster__Kubernetes"]);
        Assert.Equal(config["Cluster__ServiceId"], labels["orleans/serviceId"]);
        Assert.Equal(config["Cluster__ClusterId"], labels["orleans/clusterId"]);
        Assert.Equal(env["Cluster__SiloPort"], ContainerPort(container, "silo"));
        Assert.Equal(env["Cluster__GatewayPort"], ContainerPort(container, "gateway"));
        Assert.Equal(new PPipeOrleansOptions().SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture), env["Cluster__SiloPort"]);
        Assert.Equal("false", env["Database__MigrateOnStart"]);
        Assert.Contains("POD_IP", Sequence(container, "env").Select(e => Text(e, "name")));

        var account = Text(pod, "spec", "serviceAccountName");
        var binding = _manifests.OfKind("RoleBinding").Single(b => Sequence(b, "subjects").Any(s => Text(s, "name") == account));
        var role = _manifests.Named("Role", Text(binding, "roleRef", "name")!);
        var podRule = Sequence(role, "rules").Single(r => Sequence(r, "resources").Any(x => ((YamlScalarNode)x).Value == "pods"));
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "delete" }, Sequence(podRule, "verbs").Select(v => ((YamlScalarNode)v).Value!).ToHashSet());
    }

    [Fact]
    public void ConnectionPools_AllProcessesTogether_StayBelowPostgresDefaultLimitWithRoomToSpare()
    {
        var pool = int.Parse(Labels(_manifests.Named("ConfigMap", "ppipe-config"), "data")["Database__MaxPoolSize"], System.Globalization.CultureInfo.InvariantCulture);
        var processes = _manifests.OfKind("Deployment").Sum(d => int.Parse(Text(d, "spec", "replicas")!, System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(processes * pool <= PostgresDefaultMaxConnections - 10,
            $"{processes} processes x {pool} connections exceed PostgreSQL's default max_connections ({PostgresDefaultMaxConnections}) less 10 spare.");
    }

    [Fact]
    public void Images_EachBuiltByADockerfileInTheRepository()
    {
        var images = _manifests.PodTemplates().SelectMany(t => Containers(t.Pod)).Select(c => Text(c, "image")!).Distinct();

        Assert.All(images, image =>
        {
            var project = image.Replace("ppipe-", "", StringComparison.Ordinal);
            var dockerfile = Directory.GetDirectories(RepoPaths.File("src")).Select(d => Path.Combine(d, "Dockerfile"))
                .FirstOrDefault(f => File.Exists(f) && string.Equals(Path.GetFileName(Path.GetDirectoryName(f)), project, StringComparison.OrdinalIgnoreCase));
            Assert.True(dockerfile is not null, $"No src/*/Dockerfile builds image '{image}'.");
        });
    }

    private static Dictionary<string, string> Environment(YamlMappingNode container) =>
        Sequence(container, "env").Where(e => Text(e, "value") is not null).ToDictionary(e => Text(e, "name")!, e => Text(e, "value")!);

    private static string? ContainerPort(YamlMappingNode container, string name) =>
        Sequence(container, "ports").Where(p => Text(p, "name") == name).Select(p => Text(p, "containerPort")).SingleOrDefault();

    private static IEnumerable<string?> PortNames(YamlMappingNode pod) =>
        Containers(pod).SelectMany(c => Sequence(c, "ports")).Select(p => Text(p, "name"));
}
