using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PPipe.Grains.Probes;

namespace PPipe.Grains.Tests.Probes;

public sealed class ProbeOptionsTests
{
    [Fact]
    public void AddPPipeProbes_Section_BoundIntoTheOptions()
    {
        using var services = Services(new() { ["Probes:MaxConcurrency"] = "8", ["Probes:MaxResponseBytes"] = "4096", ["Probes:BreakDuration"] = "00:02:00" });

        var options = services.GetRequiredService<IOptions<ProbeOptions>>().Value;

        Assert.Equal((8, 4096L, TimeSpan.FromMinutes(2)), (options.MaxConcurrency, options.MaxResponseBytes, options.BreakDuration));
        Assert.Equal(TimeSpan.FromSeconds(10), options.QueueTimeout);
    }

    [Fact]
    public void AddPPipeProbes_OutOfRange_RefusedNamingEverySetting()
    {
        using var services = Services(new() { ["Probes:MaxConcurrency"] = "0", ["Probes:BreakerMinimumThroughput"] = "1", ["Probes:BreakDuration"] = "00:00:00.1" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ProbeOptions>>().Value);

        Assert.Equal(
            [
                "Probes:MaxConcurrency must be at least 1.",
                "Probes:BreakerMinimumThroughput must be at least 2.",
                "Probes:BreakDuration must be between 0.5 s and 1 day.",
            ],
            error.Failures);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddPPipeProbes(configuration).BuildServiceProvider();
    }
}
