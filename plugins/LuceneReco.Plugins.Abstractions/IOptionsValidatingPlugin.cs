using System.Text.Json;

namespace LuceneReco.Plugins;

/// <summary>
/// A plugin that can check a pipeline step's options without creating a stage, so the host refuses a configuration with
/// bad options when it loads (and shows why in <c>/health</c>) instead of skipping the stage on every request.
/// <see cref="RankerPlugin{TOptions}"/> implements it by binding the options.
/// </summary>
public interface IOptionsValidatingPlugin
{
    /// <summary>Every problem with <paramref name="options"/> (unknown names, wrong types, values out of range); empty when they are fine.</summary>
    IReadOnlyList<string> CheckOptions(JsonElement? options);
}
