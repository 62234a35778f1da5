using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using PPipe.Grains.Interfaces.Accounts;

namespace PPipe.Frontend.Accounts;

/// <summary>
/// Keeps the data-protection key ring in cluster storage (<see cref="IKeyRingGrain"/>), so every front end of
/// a cluster reads the same keys. ASP.NET Core calls it synchronously and rarely (it caches the ring).
/// </summary>
public sealed class GrainKeyRepository(IGrainFactory grains) : IXmlRepository
{
    private IKeyRingGrain Ring => grains.GetGrain<IKeyRingGrain>(IKeyRingGrain.Key);

    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. Ring.AllAsync().GetAwaiter().GetResult().Select(XElement.Parse)];

    public void StoreElement(XElement element, string friendlyName) =>
        Ring.StoreAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
}
