using System.Text.Json;

namespace LuceneReco.Plugins;

/// <summary>
/// A plugin that supplies candidates as well as (or instead of) rescoring them: a pipeline's recall step naming the
/// plugin (<c>{"source": "als", "size": 300, "options": {...}}</c>) gets its candidates from the source this creates.
/// Implement it on the same class as <see cref="IRankerPlugin"/>, so the source and the plugin's stages come from one
/// load of the plugin and share its models: a hot reload replaces both at once.
/// </summary>
public interface ICandidateSourcePlugin
{
    /// <summary>
    /// Creates the source for one recall step. <paramref name="options"/> is the step's "options" JSON object (or null).
    /// Throw <see cref="ArgumentException"/> for bad options (the step is then skipped, and the request says why).
    /// </summary>
    ICandidateSource CreateSource(JsonElement? options, IRankerServices services);

    /// <summary>
    /// Every problem with a recall step's <paramref name="options"/> (unknown names, wrong types, values out of range),
    /// without creating a source: the host refuses a configuration with bad source options when it loads, and shows why
    /// in <c>/health</c>. <see cref="OptionsBinder.Problems{TOptions}"/> does the binding part.
    /// <value>The default finds none.</value>
    /// </summary>
    IReadOnlyList<string> CheckSourceOptions(JsonElement? options) => [];
}
