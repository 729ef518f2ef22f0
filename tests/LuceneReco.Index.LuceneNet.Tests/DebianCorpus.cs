using System.IO.Compression;
using System.Text;

namespace LuceneReco.Index.LuceneNet.Tests;

/// <summary>The shared Debian corpus (<c>shared/bench/corpus/debian.tsv.gz</c>, found in an ancestor of the test binaries), or null when absent.</summary>
internal static class DebianCorpus
{
    public static readonly string? Path = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared", "bench", "corpus", "debian.tsv.gz");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The first <paramref name="limit"/> (id, title, body) rows, the header skipped.</summary>
    public static IEnumerable<(string Id, string Title, string Body)> Rows(int limit)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Path!), CompressionMode.Decompress), Encoding.UTF8, false, 1 << 16);
        int n = 0;
        while (n < limit && reader.ReadLine() is { } line)
        {
            if (line.StartsWith("id\t", StringComparison.Ordinal)) continue;
            var parts = line.Split('\t');
            if (parts.Length < 3) throw new FormatException($"{Path}: expected at least 3 tab-separated columns in '{line}'.");
            n++;
            yield return (parts[0], parts[1], parts[2]);
        }
    }
}

/// <summary>A fact that needs the Debian corpus; reported as skipped, not passed, when it is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresDebianCorpusFactAttribute : FactAttribute
{
    public RequiresDebianCorpusFactAttribute()
    {
        if (DebianCorpus.Path is null) Skip = "shared/bench/corpus/debian.tsv.gz not found (looked in the ancestors of the test binaries)";
    }
}
