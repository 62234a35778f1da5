namespace PPipe.Browser.Tests.Infrastructure;

/// <summary>
/// Where the browser tests save their PNGs: the folder in the environment variable <c>PPIPE_SCREENSHOTS</c>,
/// or else <c>TestResults/screenshots/</c> under the test project's output
/// (<c>tests/Browser.Tests/bin/{Configuration}/net10.0/TestResults/screenshots/</c>).
/// </summary>
public static class Screenshots
{
    private static readonly string? Configured = Environment.GetEnvironmentVariable("PPIPE_SCREENSHOTS") is { Length: > 0 } folder ? folder : null;

    public static string Folder { get; } = Path.GetFullPath(Configured ?? Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots"));

    /// <summary>Empties the default folder at the start of a run, so no picture of an earlier run remains; a configured folder is left alone.</summary>
    public static void ClearDefaultFolder()
    {
        if (Configured is null && Directory.Exists(Folder))
        {
            foreach (var png in Directory.EnumerateFiles(Folder, "*.png"))
            {
                File.Delete(png);
            }
        }
    }

    /// <summary>The path of <c>{name}.png</c> in <see cref="Folder"/> (created if missing), with unsafe characters replaced.</summary>
    public static string PathOf(string name)
    {
        Directory.CreateDirectory(Folder);
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string([.. name.Select(c => invalid.Contains(c) || char.IsWhiteSpace(c) ? '-' : c)]);
        return Path.Combine(Folder, safe + ".png");
    }
}
