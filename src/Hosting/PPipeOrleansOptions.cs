using System.ComponentModel.DataAnnotations;

namespace PPipe.Hosting;

/// <summary>Where and how the Orleans part of P-PIPE runs. Bound from the <c>Cluster</c> section (Orleans itself reads the <c>Orleans</c> section, so P-PIPE keeps out of it).</summary>
public sealed class PPipeOrleansOptions
{
    public const string Section = "Cluster";

    /// <summary>Memory (embedded, nothing persists) or PostgreSql (cluster).</summary>
    public OrleansStorage Storage { get; set; } = OrleansStorage.Memory;

    /// <summary>For a front end: run a silo in-process, or connect to silos as a client.</summary>
    public OrleansConnection Connection { get; set; } = OrleansConnection.CoHosted;

    /// <summary>Silos and clients with the same cluster id form one cluster.</summary>
    [Required]
    public string ClusterId { get; set; } = "ppipe";

    /// <summary>Grain state and reminders are keyed by this id; changing it orphans them.</summary>
    [Required]
    public string ServiceId { get; set; } = "ppipe";

    /// <summary>Silo-to-silo port; 0 picks a free port (single-process use only).</summary>
    [Range(0, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients connect to; 0 picks a free port (single-process use only).</summary>
    [Range(0, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Address (IP or host name) this silo advertises to the others; empty means this machine's host
    /// name (containers, where each replica has its own).
    /// </summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface (containers) instead of only the advertised address.</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>
    /// Silos run as Kubernetes pods: each advertises its pod's IP and listens on every interface, the cluster and
    /// service ids may come from the pod (<c>ORLEANS_CLUSTER_ID</c>, <c>ORLEANS_SERVICE_ID</c>), and a silo whose pod is
    /// gone is declared dead at once instead of after missed probes (needs permission to watch pods; see
    /// <c>deploy/kubernetes</c>).
    /// </summary>
    public bool Kubernetes { get; set; }
}
