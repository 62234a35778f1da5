namespace PPipe.Grains.Interfaces.Email;

/// <summary>What a person asked to be mailed.</summary>
public enum StudentMailKind
{
    /// <summary>To join a cohort through its join link.</summary>
    Join,

    /// <summary>A one-time link that signs them in to their page.</summary>
    SignIn,

    /// <summary>A one-time link that gives them a new token (the old one stops working).</summary>
    TokenRecovery,
}
