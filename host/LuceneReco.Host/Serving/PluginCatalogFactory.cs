using LuceneReco.Host.Plugins;

namespace LuceneReco.Host.Serving;

/// <summary>
/// Makes the ranker catalogue for <c>serve</c> and <c>recommend</c>: the one place that knows which
/// implementation of <see cref="IRankerCatalog"/> loads plugins. Until the plugin loader (PluginCatalog)
/// is merged it returns an empty catalogue, and <see cref="LoaderAvailable"/> says so.
/// </summary>
internal static class PluginCatalogFactory
{
    /// <summary>Whether this build can load plugins from a folder.</summary>
    public const bool LoaderAvailable = false;

    /// <summary>The catalogue of the plugins in <paramref name="pluginsDirectory"/> (null: no plugins). Dispose it if it is <see cref="IDisposable"/>.</summary>
    /// <param name="pluginsDirectory">The plugins folder, already checked to exist; null when none was given.</param>
    /// <param name="clock">The clock for load times and quarantine.</param>
    /// <param name="log">Where load failures and reloads are reported.</param>
    public static IRankerCatalog Create(string? pluginsDirectory, TimeProvider clock, Action<string> log)
    {
        if (pluginsDirectory is null) return new EmptyRankerCatalog();
        return new EmptyRankerCatalog(); // when PluginCatalog lands: return new PluginCatalog(pluginsDirectory, clock, log);
    }
}
