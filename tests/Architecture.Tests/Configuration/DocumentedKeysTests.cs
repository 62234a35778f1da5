namespace PPipe.Architecture.Tests.Configuration;

public sealed class DocumentedKeysTests
{
    [Fact]
    public void Read_KeyTables_TakesEveryCodeSpanOfTheFirstColumn()
    {
        const string page = """
            # Settings

            | **Key** | default | meaning |
            |:---|---:|---|
            | `Probes:MaxConcurrency` | 64 | see `Probes:QueueTimeout` |
            |  `Cluster:SiloPort` / `Cluster:GatewayPort`  | `11111` | two keys in one row |
            | `Urls` | `http://127.0.0.1:5080` | a key without a section |
            | `Cluster:Reminders:*` | Orleans' | a whole framework section |
            """;

        var keys = DocumentedKeys.Read(page);

        Assert.Equal(["Probes:MaxConcurrency", "Cluster:SiloPort", "Cluster:GatewayPort", "Urls", "Cluster:Reminders:*"], keys);
    }

    [Fact]
    public void Read_OtherTablesProseAndCode_AreIgnored()
    {
        const string page = """
            Set `Api:StudentBurst` in prose.

            | variable | meaning |
            | --- | --- |
            | `DOTNET_GCgen0size` | not a configuration key |

            ```
            | key | default |
            | --- | --- |
            | `Fenced:Key` | 1 |
            ```

            | key | default |
            | --- | --- |
            | `Admin:ApiKey` | generated |
            | a key with spaces: `not a key` | — |
            """;

        var keys = DocumentedKeys.Read(page);

        Assert.Equal(["Admin:ApiKey"], keys);
    }
}
