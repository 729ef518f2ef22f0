using LuceneReco.Plugins;

namespace LuceneReco.Host.Plugins;

/// <summary>A ranker of a loaded plugin with its name and version read once at load (they are plugin code, which may throw).</summary>
/// <param name="Name">The validated ranker name.</param>
/// <param name="Version">The plugin's version.</param>
/// <param name="Plugin">The instance.</param>
internal sealed record LoadedRanker(string Name, Version Version, IRankerPlugin Plugin);
