using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PPipe.Grains.Channels.Webhooks;

namespace PPipe.Grains.Notifications;

/// <summary>Registers what silos need to decide and send notifications.</summary>
public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="NotificationOptions"/> (validated at start) and registers the silo's senders
    /// (<see cref="NotificationDispatcher"/>, a hosted service, over the mail transport and the webhook sender) and the
    /// policies grains use, each unless registered already.
    /// </summary>
    public static IServiceCollection AddPPipeNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.TryAddSingleton<WebhookSender>();
        if (!services.Any(s => s.ServiceType == typeof(NotificationDispatcher)))
        {
            services.AddSingleton<NotificationDispatcher>();
            services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        }

        services.TryAddSingleton<Notifier>();
        return services;
    }
}
