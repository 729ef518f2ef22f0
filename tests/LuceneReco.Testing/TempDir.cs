namespace LuceneReco.Testing;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    /// <summary>Creates <c>TEMP/lr-test-GUID</c>.</summary>
    public TempDir() => Directory.CreateDirectory(Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lr-test-" + Guid.NewGuid().ToString("N")));

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>A path inside it.</summary>
    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Deletes the directory; a leftover is harmless.</summary>
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
