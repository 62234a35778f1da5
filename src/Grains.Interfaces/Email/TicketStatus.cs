namespace PPipe.Grains.Interfaces.Email;

/// <summary>What became of a one-time link when it was used (or looked at).</summary>
public enum TicketStatus
{
    /// <summary>Valid; when redeeming, it is now used.</summary>
    Valid,

    /// <summary>No such link (or a link of another kind).</summary>
    Unknown,

    /// <summary>Already used once.</summary>
    Used,

    /// <summary>Past its expiry.</summary>
    Expired,
}
