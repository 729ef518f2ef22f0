using LuceneReco.Host.Plugins;

namespace LuceneReco.Host.Serving;

/// <summary>
/// Makes the ranker catalogue for <c>serve</c> and <c>recommend</c>: the one place that knows which
/// implementation of <see cref="IRankerCatalog"/> loads plugins: the hot-reloading <see cref="PluginCatalog"/>
/// over the plugins folder, or an empty catalogue when no folder is given. Rankers get their services
/// (with a data folder under the serving data root) from the pipeline runner.
/// </summary>
internal static class PluginCatalogFactory
{
    /// <summary>The catalogue of the plugins in <paramref name="pluginsDirectory"/> (null: no plugins). Dispose it if it is <see cref="IDisposable"/>.</summary>
    /// <param name="pluginsDirectory">The plugins folder, already checked to exist; null when none was given.</param>
    /// <param name="clock">The clock for load times and quarantine.</param>
    /// <param name="log">Where load failures and reloads are reported.</param>
    public static IRankerCatalog Create(string? pluginsDirectory, TimeProvider clock, Action<string> log)
    {
        if (pluginsDirectory is null) return new EmptyRankerCatalog();
        return new PluginCatalog(new PluginCatalogOptions { Folder = pluginsDirectory }, servicesFor: null, log, clock);
    }
}
