namespace LuceneReco.Rankers.Collaborative.Tests.Support;

/// <summary>Locates <c>shared/datasets</c> (a sibling of the repository) by walking up from the test binaries.</summary>
internal static class SharedDatasets
{
    private static readonly Lazy<string?> Location = new(Find);

    /// <summary>Full path of <c>shared/datasets</c>, or null when it is not on this machine.</summary>
    public static string? Directory => Location.Value;

    /// <summary>The MovieLens latest-small ratings file, or null when missing.</summary>
    public static string? MovieLensRatings =>
        Directory is string d && File.Exists(Path.Combine(d, "ml-latest-small", "ratings.csv")) ? Path.Combine(d, "ml-latest-small", "ratings.csv") : null;

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "datasets");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
