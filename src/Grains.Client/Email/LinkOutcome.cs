namespace PPipe.Grains.Client.Email;

/// <summary>What came of using a one-time link from a mail.</summary>
public enum LinkOutcome
{
    /// <summary>It did what it is for (joined, signed in, token replaced).</summary>
    Done,

    /// <summary>No such link.</summary>
    Unknown,

    /// <summary>The link was used before.</summary>
    Used,

    /// <summary>The link is past its expiry.</summary>
    Expired,

    /// <summary>The cohort's join link was closed (or replaced) since the mail was sent.</summary>
    Closed,

    /// <summary>The cohort's join link admits nobody more.</summary>
    Full,

    /// <summary>The address is already enrolled in the cohort.</summary>
    AlreadyEnrolled,

    /// <summary>The cohort or the enrollment the link was for no longer exists or no longer accepts this student.</summary>
    Gone,
}
