using System.Net.Sockets;

namespace PPipe.Cluster.Soak.Load;

public static class Outcomes
{
    public static IReadOnlyList<Outcome> All { get; } = Enum.GetValues<Outcome>();

    public static Outcome Of(int status) => status switch
    {
        >= 200 and < 300 => Outcome.Ok,
        304 => Outcome.NotModified,
        401 => Outcome.Unauthorized,
        404 => Outcome.NotFound,
        409 => Outcome.Conflict,
        429 => Outcome.TooManyRequests,
        500 => Outcome.Status500,
        502 => Outcome.Status502,
        503 => Outcome.Status503,
        504 => Outcome.Status504,
        >= 500 => Outcome.OtherServerError,
        _ => Outcome.OtherClientError,
    };

    public static Outcome Of(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => Outcome.ConnectFailed,
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse } => Outcome.ConnectionLost,
        HttpRequestException { InnerException: IOException or SocketException } => Outcome.ConnectionLost,
        IOException => Outcome.ConnectionLost,
        OperationCanceledException or TimeoutException => Outcome.TimedOut,
        _ => Outcome.OtherFailure,
    };

    /// <summary>A failure of the platform: a 5xx it was not told to give (scenario outages are not), or no response at all.</summary>
    public static bool IsError(Outcome outcome) => outcome >= Outcome.Status500;

    public static string Label(Outcome outcome) => outcome switch
    {
        Outcome.Ok => "2xx",
        Outcome.NotModified => "304",
        Outcome.Unauthorized => "401",
        Outcome.NotFound => "404",
        Outcome.Conflict => "409",
        Outcome.TooManyRequests => "429",
        Outcome.OtherClientError => "other 4xx",
        Outcome.ScenarioOutage => "503 scenario outage",
        Outcome.Status500 => "500",
        Outcome.Status502 => "502",
        Outcome.Status503 => "503",
        Outcome.Status504 => "504",
        Outcome.OtherServerError => "other 5xx",
        Outcome.ConnectFailed => "connect failed",
        Outcome.ConnectionLost => "connection lost",
        Outcome.TimedOut => "timeout",
        _ => "other failure",
    };
}
