namespace PPipe.Grains.Client.Releases;

/// <summary>
/// The public API's paths that appear inside responses, webhook bodies and feedback (links a student follows). The
/// one place outside the front end's route table that knows them, so a link can never disagree with its route.
/// </summary>
public static class ApiRoutes
{
    public const string Base = "/api/v1";

    /// <summary>Where a student registers the model endpoint (<c>PUT</c>).</summary>
    public const string Endpoint = Base + "/endpoint";

    /// <summary>Where a student reads the enrollment, its credentials and its bucket keys.</summary>
    public const string Me = Base + "/me";

    /// <summary>Where a student files (<c>POST</c>) and lists (<c>GET</c>) incident reports.</summary>
    public const string Incidents = Base + "/incidents";

    /// <summary>Where a student announces (<c>POST</c>) and lists (<c>GET</c>) deploys of the model endpoint.</summary>
    public const string Deployments = Base + "/deployments";

    public static string ReleaseCsv(int seq) => $"{Base}/releases/{seq}.csv";

    public static string ReleaseJsonl(int seq) => $"{Base}/releases/{seq}.jsonl";

    /// <summary>The object key of a bucket-channel release: four digits of its seq (<c>releases/0007.csv</c>).</summary>
    public static string ReleaseObjectKey(int seq) => $"releases/{seq:0000}.csv";
}
