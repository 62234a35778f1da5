using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PPipe.Grains.Enrollments;

namespace PPipe.Grains.Tests.Enrollments;

public sealed class EnrollmentOptionsTests
{
    [Fact]
    public void AddPPipeGrainServices_Section_BoundIntoTheOptions()
    {
        using var services = Services(new() { ["Enrollments:TickPeriod"] = "00:05:00", ["Enrollments:PausedRecheck"] = "00:00:10" });

        var options = services.GetRequiredService<IOptions<EnrollmentOptions>>().Value;

        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(10)), (options.TickPeriod, options.PausedRecheck));
        Assert.Equal(TimeSpan.FromMinutes(5), options.WebhookRedeliverAfter);
    }

    [Fact]
    public void AddPPipeGrainServices_PeriodsNotPositive_RefusedNamingEverySetting()
    {
        using var services = Services(new()
        {
            ["Enrollments:TickPeriod"] = "00:00:00",
            ["Enrollments:WebhookRedeliverAfter"] = "-00:00:01",
            ["Enrollments:PausedRecheck"] = "00:00:00",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EnrollmentOptions>>().Value);

        Assert.Equal(
            [
                "Enrollments:TickPeriod must be positive.",
                "Enrollments:WebhookRedeliverAfter must be positive.",
                "Enrollments:PausedRecheck must be positive.",
            ],
            error.Failures);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddPPipeGrainServices(configuration);
        services.AddOptions<EnrollmentOptions>().Bind(configuration.GetSection(EnrollmentOptions.Section));
        return services.BuildServiceProvider();
    }
}
