namespace LuceneReco.Plugins;

/// <summary>
/// A plugin whose answers depend on state it loads while it stays loaded (a model version, an alias that moves), so the
/// host can tell whether a remembered result is still what the plugin would answer. The host remembers a user's plain
/// recommendation (the user cache, docs/serving.md) only when every plugin that served it implements this, and serves it
/// again only while each one's <see cref="StateVersion"/> is unchanged.
/// </summary>
/// <remarks>
/// Called on every request that could be answered from the cache, so it must be cheap (what the plugin's own polling
/// does, no more) and should not throw; a plugin that throws is treated as changed.
/// </remarks>
public interface IPluginState
{
    /// <summary>A number that changes whenever what the plugin serves from changes (a new model version loaded, an alias moved).</summary>
    long StateVersion { get; }
}
