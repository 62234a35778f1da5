namespace PPipe.Frontend.Students;

/// <summary>A built release listing: the JSON body and its quoted ETag.</summary>
public sealed record ReleaseListing(byte[] Body, string ETag);
