namespace PPipe.Frontend.Admin;

/// <summary>The instructor API key (<c>Admin:ApiKey</c>, environment variable <c>Admin__ApiKey</c>).</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Bearer key for <c>/api/v1/admin/...</c>. Empty in embedded mode: a random one is made and printed.</summary>
    public string ApiKey { get; set; } = "";
}
