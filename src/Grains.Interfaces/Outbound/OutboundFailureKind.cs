namespace PPipe.Grains.Interfaces.Outbound;

/// <summary>Why a call to a student's server failed, in the categories feedback and grades speak of.</summary>
[GenerateSerializer, Alias("ppipe.OutboundFailureKind")]
public enum OutboundFailureKind
{
    /// <summary>The host resolves to an address the platform refuses to reach.</summary>
    ForbiddenAddress,

    /// <summary>The host name did not resolve.</summary>
    NameResolution,

    /// <summary>No TCP connection (refused, unreachable, reset while connecting).</summary>
    Connect,

    /// <summary>The TLS handshake failed (certificate, protocol).</summary>
    Tls,

    /// <summary>No complete answer within the time allowed.</summary>
    Timeout,

    /// <summary>The server answered with a status other than the one expected.</summary>
    HttpStatus,

    /// <summary>The response body was over the size limit.</summary>
    ResponseTooLarge,

    /// <summary>The server broke HTTP (malformed response, connection closed mid-response).</summary>
    Protocol,

    /// <summary>The body was not what the contract asks for (not JSON, no <c>predictions</c>, a value of the wrong type).</summary>
    MalformedBody,

    /// <summary>The body had a different number of predictions than rows were sent.</summary>
    WrongCount,

    /// <summary>Not attempted: the endpoint failed so often just before that calls to it are paused for a while.</summary>
    CircuitOpen,
}
