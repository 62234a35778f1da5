namespace PPipe.Grains.Email;

/// <summary>Limits and lifetimes of the mails people ask for (joins, sign-in links, lost tokens): the <c>StudentMail</c> section.</summary>
public sealed class StudentMailOptions
{
    public const string Section = "StudentMail";

    /// <summary>Mail requests one address may make per <see cref="AddressWindow"/>, of every kind together.</summary>
    public int RequestsPerAddress { get; set; } = 5;

    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Join requests one cohort takes per minute, from all addresses together.</summary>
    public int JoinRequestsPerCohortPerMinute { get; set; } = 300;

    /// <summary>How long a join confirmation link works.</summary>
    public TimeSpan JoinLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a sign-in link works.</summary>
    public TimeSpan SignInLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a token re-issue link works.</summary>
    public TimeSpan RecoveryLinkLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
