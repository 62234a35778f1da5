namespace PPipe.Grains.Interfaces.Join;

/// <summary>Whether a join link lets a request (or a confirmation) through, and if not, why.</summary>
public enum JoinAdmission
{
    Admitted,

    /// <summary>The code is not (or no longer) this cohort's join code.</summary>
    UnknownCode,

    /// <summary>The link was closed, or its closing time has passed.</summary>
    Closed,

    /// <summary>As many students as the cap allows have joined.</summary>
    Full,

    /// <summary>The address's domain is not one the link admits.</summary>
    DomainNotAllowed,

    /// <summary>The cohort has had its allowance of join requests in the current minute.</summary>
    TooManyRequests,
}
