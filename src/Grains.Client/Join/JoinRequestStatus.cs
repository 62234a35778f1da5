namespace PPipe.Grains.Client.Join;

/// <summary>What became of a request to join a cohort through its join link.</summary>
public enum JoinRequestStatus
{
    /// <summary>Taken: whatever the address is, the same answer (a mail goes to it if there is something to say).</summary>
    Accepted,

    /// <summary>No cohort has this join code (now).</summary>
    UnknownCode,

    Closed,

    Full,

    DomainNotAllowed,

    /// <summary>The address asked too often; see the retry time.</summary>
    TooManyForAddress,

    /// <summary>The cohort took too many join requests this minute; see the retry time.</summary>
    TooManyForCohort,
}
