namespace PPipe.Grains.Interfaces.Email;

/// <summary>What a one-time link in a mail does when it is used.</summary>
public enum MailTicketKind
{
    /// <summary>Confirms the address and enrolls the person in a cohort.</summary>
    JoinConfirmation,

    /// <summary>Signs the student in to their page.</summary>
    SignIn,

    /// <summary>Gives the student a new token.</summary>
    TokenRecovery,
}
