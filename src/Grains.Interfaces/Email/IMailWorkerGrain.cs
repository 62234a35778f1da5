using Orleans.Concurrency;

namespace PPipe.Grains.Interfaces.Email;

/// <summary>
/// Writes and sends the mails people ask for (join confirmations, sign-in and token links) off the request that asked:
/// issues each link's one-time ticket, builds the mail with the platform's public address and hands it to the silo's
/// mail transport, which retries. A stateless worker with a bounded number of activations per silo.
/// </summary>
[Alias("ppipe.IMailWorkerGrain")]
public interface IMailWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>Sends the mail <paramref name="job"/> describes; failures are logged, nothing is reported back.</summary>
    [OneWay, Alias("Send")]
    Task SendAsync(StudentMailJob job);
}
