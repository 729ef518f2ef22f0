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
    /// Throw <see cref="ArgumentException"/> for bad options: the host rejects the configuration change that named them.
    /// </summary>
    ICandidateSource CreateSource(JsonElement? options, IRankerServices services);
}
