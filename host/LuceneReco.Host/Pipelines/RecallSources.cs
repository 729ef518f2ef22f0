using System.Text.RegularExpressions;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// The recall sources built into the engine, which read the index alone. Any other source name in a pipeline is a plugin
/// that supplies candidates (<see cref="LuceneReco.Plugins.ICandidateSourcePlugin"/>), looked up in the catalogue per request.
/// To add a built-in source, implement <see cref="IRecallSource"/> and list it here.
/// </summary>
internal static partial class RecallSources
{
    private static readonly IRecallSource[] All =
    [
        new SearchRecallSource(), new SimilarRecallSource(), new ProfileRecallSource(),
        new SemanticQueryRecallSource(), new SemanticSimilarRecallSource(), new SemanticProfileRecallSource(),
        new NewestRecallSource(),
    ];

    /// <summary>The built-in source names.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(All, s => s.Name);

    /// <summary>The built-in source named <paramref name="name"/>, or null (then it may be a plugin's).</summary>
    public static IRecallSource? Find(string? name)
    {
        foreach (var s in All) if (string.Equals(s.Name, name, StringComparison.Ordinal)) return s;
        return null;
    }

    /// <summary>
    /// What the built-in source <paramref name="name"/> needs of the index beyond the common surface, named as
    /// <see cref="LuceneReco.Index.Backends.IRecallIndex.Unavailable"/> names it ("dense vectors" for the semantic sources), or null.
    /// </summary>
    public static string? Needs(string? name) => name is "semantic" or "semantic-similar" or "semantic-profile" ? "dense vectors" : null;

    /// <summary>Whether <paramref name="name"/> can name a source: a built-in one, or a plugin (whose names are letters, digits, '-', '_' and '.').</summary>
    public static bool IsValidName(string name) => Find(name) is not null || PluginName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex PluginName();
}
