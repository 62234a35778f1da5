namespace PPipe.Grains.Interfaces.Join;

/// <summary>
/// A cohort's self-enrollment, keyed by the cohort id: its join link's code and limits, and the count of students who
/// joined through it. Join requests pass it once each (limited per cohort per minute, in its memory); confirmations take a
/// seat here, so the cap holds however many confirm at once. It calls only the code index while opening.
/// </summary>
[Alias("ppipe.IJoinLinkGrain")]
public interface IJoinLinkGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens self-enrollment with <paramref name="settings"/>, or changes the limits of the open link (its code stays). A
    /// link opened again after it was closed gets a new code, so a link that leaked can be replaced.
    /// </summary>
    [Alias("Open")]
    Task<JoinLink> OpenAsync(JoinSettings settings, int allowlistSize);

    /// <summary>The join link, or null when self-enrollment was never opened.</summary>
    [Alias("Get")]
    Task<JoinLink?> GetAsync();

    /// <summary>Closes the link: its code stops working, confirmations not yet used included. Null when it was never opened.</summary>
    [Alias("Close")]
    Task<JoinLink?> CloseAsync();

    /// <summary>Whether a join request through <paramref name="code"/> from an address at <paramref name="domain"/> may go on (counted against the cohort's rate).</summary>
    [Alias("Admit")]
    Task<JoinAdmissionResult> AdmitAsync(string code, string domain);

    /// <summary>Takes a seat for a confirmation made under <paramref name="code"/>: counted towards the cap before the student is enrolled.</summary>
    [Alias("TakeSeat")]
    Task<JoinAdmission> TakeSeatAsync(string code);

    /// <summary>Gives back a seat whose enrollment did not happen.</summary>
    [Alias("ReturnSeat")]
    Task ReturnSeatAsync();
}
