using PPipe.Frontend.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(RenderPatience))]

namespace PPipe.Frontend.Tests.Infrastructure;

/// <summary>
/// How long bUnit's waits for a render wait when a test names no timeout. bUnit's own second is too short for a page
/// that calls grains on a loaded two-core machine running two test modules at once; a wait that passes ends as soon as
/// it passes, so a longer deadline costs nothing.
/// </summary>
public sealed class RenderPatience
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public RenderPatience() => BunitContext.DefaultWaitTimeout = Timeout;
}
