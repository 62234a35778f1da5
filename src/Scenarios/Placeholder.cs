namespace PPipe.Scenarios;

internal static class Probe
{
}
