namespace LuceneReco.Host.Pipelines;

/// <summary>The recall sources pipelines can name. To add one, implement <see cref="IRecallSource"/> and list it here.</summary>
internal static class RecallSources
{
    private static readonly IRecallSource[] All = [new SearchRecallSource(), new SimilarRecallSource(), new ProfileRecallSource(), new ItemKnnRecallSource(), new AlsRecallSource()];

    /// <summary>The known source names.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(All, s => s.Name);

    /// <summary>Whether <paramref name="name"/> is a known source.</summary>
    public static bool IsKnown(string? name) => Find(name) is not null;

    /// <summary>Whether <paramref name="name"/> is a collaborative source (it reads trained models, see <see cref="RecallStep.Models"/>).</summary>
    public static bool IsCollaborative(string? name) => name is ItemKnnRecallSource.SourceName or AlsRecallSource.SourceName;

    /// <summary>The source named <paramref name="name"/>, or null.</summary>
    public static IRecallSource? Find(string? name)
    {
        foreach (var s in All) if (string.Equals(s.Name, name, StringComparison.Ordinal)) return s;
        return null;
    }
}
