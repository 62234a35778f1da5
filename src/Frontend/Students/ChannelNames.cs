using PPipe.Scenarios;

namespace PPipe.Frontend.Students;

/// <summary>
/// Channels as the grains record them (the API's spelling, <c>api</c>, <c>bucket</c>...: the grain contracts hold
/// text, since they do not depend on the scenario engine) and back.
/// </summary>
public static class ChannelNames
{
    public static string Of(Channel channel) => ScenarioNames.Of(channel);

    public static Channel Parse(string name) =>
        ScenarioNames.TryParse<Channel>(name, out var channel) ? channel
            : Enum.Parse<Channel>(name, ignoreCase: true);
}
