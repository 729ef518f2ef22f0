namespace LuceneReco.Index.Tests.Analysis;

/// <summary>Locates the shared benchmark folder (<c>shared/bench</c>, a sibling of the repository) by walking up from the test binaries.</summary>
internal static class SharedBench
{
    private static readonly Lazy<string?> Location = new(Find);

    /// <summary>Full path of <c>shared/bench</c>, or null when it is not present on this machine.</summary>
    public static string? Directory => Location.Value;

    /// <summary>Path of <paramref name="relative"/> inside <c>shared/bench</c>; only call when <see cref="Directory"/> is set.</summary>
    public static string PathOf(string relative)
        => Path.Combine(Directory ?? throw new InvalidOperationException("shared/bench was not found"), relative);

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "bench");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
