namespace PPipe.Frontend.Students;

/// <summary>The model endpoint's state as api-v1 names it.</summary>
public enum EndpointStatus
{
    /// <summary>No endpoint is registered.</summary>
    Unregistered,

    /// <summary>Registered, not probed yet.</summary>
    Registered,

    /// <summary>Answered its latest probe.</summary>
    Up,

    /// <summary>Failed its latest probe.</summary>
    Down,
}
