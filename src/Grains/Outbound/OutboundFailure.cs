using System.Net.Sockets;
using System.Security.Authentication;
using Polly.Timeout;
using PPipe.Grains.Interfaces.Outbound;

namespace PPipe.Grains.Outbound;

/// <summary>A failed outbound call, classified, with a detail a student can act on.</summary>
internal sealed record OutboundFailure(OutboundFailureKind Kind, string Detail)
{
    /// <summary>The failure for a status other than the expected one.</summary>
    public static OutboundFailure Status(int statusCode) =>
        new(OutboundFailureKind.HttpStatus, $"HTTP {statusCode}");

    /// <summary>The failure for an attempt that ran out of time.</summary>
    public static OutboundFailure TimedOut(TimeSpan after) =>
        new(OutboundFailureKind.Timeout, $"no answer within {after.TotalMilliseconds:0} ms");

    /// <summary>
    /// Classifies an exception from sending a request or reading its response. Cancellation the
    /// caller asked for is not a failure of the remote side: rethrow it instead of calling this.
    /// </summary>
    public static OutboundFailure From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case ForbiddenAddressException forbidden:
                    return new(OutboundFailureKind.ForbiddenAddress, "forbidden address: " + forbidden.Message);
                case ResponseTooLargeException tooLarge:
                    return new(OutboundFailureKind.ResponseTooLarge, tooLarge.Message);
                case TimeoutRejectedException timeout:
                    return TimedOut(timeout.Timeout);
                case TimeoutException:
                    return new(OutboundFailureKind.Timeout, "timed out");
                case AuthenticationException tls:
                    return new(OutboundFailureKind.Tls, "TLS handshake failed: " + tls.Message);
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return new(OutboundFailureKind.NameResolution, "the host name does not resolve");
            }
        }

        if (exception is HttpRequestException http)
        {
            var detail = Innermost(http).Message;
            return http.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => new(OutboundFailureKind.NameResolution, "the host name does not resolve"),
                HttpRequestError.ConnectionError => new(OutboundFailureKind.Connect, "could not connect: " + detail),
                HttpRequestError.SecureConnectionError => new(OutboundFailureKind.Tls, "TLS handshake failed: " + detail),
                _ when FindInner<SocketException>(http) is { } socket => new(OutboundFailureKind.Connect, "connection failed: " + socket.Message),
                _ => new(OutboundFailureKind.Protocol, "invalid HTTP response: " + detail),
            };
        }

        if (exception is IOException io)
        {
            return new(OutboundFailureKind.Protocol, "connection failed mid-response: " + Innermost(io).Message);
        }

        return new(OutboundFailureKind.Protocol, exception.Message);
    }

    private static Exception Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }

    private static T? FindInner<T>(Exception exception) where T : Exception
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
