namespace LuceneReco.Host.Tests.Experiments;

/// <summary>A fact that needs <c>shared/datasets/ml-latest-small</c> beside the repository; skipped, with the reason, when it is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresMovieLensFactAttribute : FactAttribute
{
    public RequiresMovieLensFactAttribute()
    {
        if (MovieLensRatings is null)
            Skip = "shared/datasets/ml-latest-small/ratings.csv not found (looked for a 'shared/datasets' folder in the ancestors of the test binaries)";
    }

    /// <summary>The MovieLens latest-small ratings file, or null when it is not on this machine.</summary>
    internal static string? MovieLensRatings { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "datasets", "ml-latest-small", "ratings.csv");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
