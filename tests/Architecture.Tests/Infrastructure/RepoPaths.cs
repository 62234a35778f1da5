namespace PPipe.Architecture.Tests.Infrastructure;

/// <summary>Finds files of the repository these tests were built from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string File(string relativePath) => Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "PPipe.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PPipe.sln not found above " + AppContext.BaseDirectory);
    }
}
