namespace PPipe.Grains.Interfaces.Email;

/// <summary>The mails a person can be sent about joining and signing in.</summary>
public enum StudentMailJobKind
{
    /// <summary>A link that confirms the address and enrolls them in the cohort.</summary>
    JoinConfirmation,

    /// <summary>They asked to join a cohort they are already in: a sign-in link instead.</summary>
    AlreadyEnrolled,

    /// <summary>They asked to join a cohort whose allowlist does not have the address.</summary>
    NotOnAllowlist,

    /// <summary>Sign-in links, one per enrollment of the address.</summary>
    SignIn,

    /// <summary>Token re-issue links, one per enrollment of the address.</summary>
    TokenRecovery,
}
