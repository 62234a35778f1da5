namespace PPipe.Hosting;

/// <summary>How a front end reaches the grains.</summary>
public enum OrleansConnection
{
    /// <summary>The front end runs a silo in its own process.</summary>
    CoHosted,

    /// <summary>The front end is an Orleans client of separate silo processes.</summary>
    Client,
}
