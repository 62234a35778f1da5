namespace PPipe.Scenarios.Spec;

/// <summary>Keys and values in document order; duplicates are kept so they can be reported.</summary>
internal sealed record SpecMap(IReadOnlyList<KeyValuePair<string, SpecNode>> Entries) : SpecNode
{
    public SpecNode? Find(string key)
    {
        foreach (var (name, value) in Entries)
        {
            if (name == key)
            {
                return value;
            }
        }

        return null;
    }
}
