namespace LuceneReco.Host.Pipelines;

/// <summary>The recall sources pipelines can name. To add one, implement <see cref="IRecallSource"/> and list it here.</summary>
internal static class RecallSources
{
    private static readonly IRecallSource[] All = [new SearchRecallSource(), new SimilarRecallSource(), new ProfileRecallSource()];

    /// <summary>The known source names.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(All, s => s.Name);

    /// <summary>Whether <paramref name="name"/> is a known source.</summary>
    public static bool IsKnown(string? name) => Find(name) is not null;

    /// <summary>The source named <paramref name="name"/>, or null.</summary>
    public static IRecallSource? Find(string? name)
    {
        foreach (var s in All) if (string.Equals(s.Name, name, StringComparison.Ordinal)) return s;
        return null;
    }
}
