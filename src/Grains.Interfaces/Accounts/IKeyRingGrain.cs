using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Accounts;

/// <summary>
/// The front ends' shared ASP.NET Core data-protection key ring (keyed <see cref="Key"/>), so a sign-in
/// cookie or form token issued by one front end is accepted by every other. Keys are XML elements; at
/// most <see cref="MaxKeys"/> are kept (a new one is made every 90 days).
/// </summary>
[Alias("ppipe.IKeyRingGrain")]
public interface IKeyRingGrain : IGrainWithStringKey
{
    public const string Key = "ui";
    public const int MaxKeys = 100;

    [Alias("All")]
    Task<ImmutableArray<string>> AllAsync();

    /// <summary>Stores a key element under its friendly name (a key id); storing a name twice keeps the first.</summary>
    [Alias("Store")]
    Task StoreAsync(string name, string element);
}
