namespace PPipe.Integration.Tests.Infrastructure;

/// <summary>Locates the repository and the built output of the hosts, in this test run's configuration.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration these tests were built in (hosts are built alongside).</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string SiloDll => Built("src/Silo", "PPipe.Silo.dll");

    public static string FrontendDll => Built("src/Frontend", "PPipe.Frontend.dll");

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{dll} is not built; run the tests through scripts/test.sh (it builds PPipe.sln first).", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PPipe.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PPipe.sln not found above " + AppContext.BaseDirectory);
    }
}
