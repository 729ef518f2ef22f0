using System.Text.Json;

namespace LuceneReco.Plugins;

/// <summary>
/// The entry point of a ranker plugin. The host finds every public, non-abstract type implementing this
/// interface with a public parameterless constructor in the plugin's assembly, and asks it for a stage
/// for each pipeline step that names it. Derive from <see cref="RankerPlugin{TOptions}"/> for typed options.
/// </summary>
public interface IRankerPlugin
{
    /// <summary>The name pipelines use to refer to this ranker, e.g. "favourite-category". Letters, digits, '-', '_' and '.'.</summary>
    string Name { get; }

    /// <summary>The plugin's version, shown by <c>plugins list</c> and in explanations.</summary>
    Version Version { get; }

    /// <summary>One line saying what the ranker does.</summary>
    string Description { get; }

    /// <summary>
    /// Creates a stage for one pipeline step. <paramref name="options"/> is the step's "options" JSON
    /// object (or null). Throw <see cref="ArgumentException"/> for bad options: the host reports it and
    /// keeps the pipeline's previous version serving.
    /// </summary>
    IRankerStage CreateStage(JsonElement? options, IRankerServices services);
}
