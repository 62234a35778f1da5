using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PPipe.Grains.Mail;

/// <summary>Registers the silo's mail transport.</summary>
public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="MailOptions"/> from the <c>Mail</c> section (validated at start) and registers
    /// <see cref="IMailTransport"/> unless one is registered already (tests bring their own): SMTP when
    /// <c>Mail:Smtp:Host</c> is set, else the pickup folder; and the log line at start that says which.
    /// </summary>
    public static IServiceCollection AddPPipeMail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailOptions>, MailOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>();
            var time = sp.GetRequiredService<TimeProvider>();
            return options.Value.UsesSmtp
                ? new SmtpMailTransport(options, time, sp.GetRequiredService<ILogger<SmtpMailTransport>>())
                : new PickupFolderMailTransport(options, time);
        });
        if (!services.Any(s => s.ImplementationType == typeof(MailTransportAnnouncement)))
        {
            services.AddHostedService<MailTransportAnnouncement>();
        }

        return services;
    }
}
