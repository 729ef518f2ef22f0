namespace LuceneReco.Host.Tests;

/// <summary>A temporary directory deleted on dispose, and the repository's sample files.</summary>
internal sealed class TestFiles : IDisposable
{
    public TestFiles()
    {
        Root = Path.Combine(Path.GetTempPath(), "lucenereco-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The temporary directory.</summary>
    public string Root { get; }

    /// <summary>A path inside <see cref="Root"/>.</summary>
    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>Writes <paramref name="text"/> to a file in <see cref="Root"/> and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A file of samples/ in the repository.</summary>
    public static string Sample(string name) => Path.Combine(RepositoryRoot, "samples", name);

    /// <summary>The directory holding LuceneReco.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LuceneReco.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"LuceneReco.sln not found above {AppContext.BaseDirectory}");
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
