using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Plugins;

namespace LuceneReco.Host.Serving;

/// <summary>
/// Makes the plugin catalogue for <c>serve</c>, <c>recommend</c>, <c>train</c> and the offline commands: the one place that
/// knows which implementation of <see cref="IRankerCatalog"/> loads plugins, and where the built-in plugins are.
/// </summary>
internal static class PluginCatalogFactory
{
    /// <summary>The folder name of the built-in plugins, beside the <c>lucenereco</c> assembly (the build publishes them there).</summary>
    public const string BuiltInFolderName = "plugins";

    /// <summary>The built-in plugins folder (<c>plugins/</c> beside the CLI), or null when this build has none.</summary>
    public static string? BuiltInFolder
    {
        get
        {
            string folder = Path.Combine(Path.GetDirectoryName(typeof(PluginCatalogFactory).Assembly.Location) ?? AppContext.BaseDirectory, BuiltInFolderName);
            return Directory.Exists(folder) ? folder : null;
        }
    }

    /// <summary>
    /// The catalogue of the plugins in <paramref name="pluginsDirectory"/>, or of the built-in plugins when it is null (an
    /// empty catalogue when the build has none). Dispose it if it is <see cref="IDisposable"/>.
    /// </summary>
    /// <param name="pluginsDirectory">The plugins folder, already checked to exist; null for the built-in plugins.</param>
    /// <param name="dataRoot">Where each plugin folder gets its data folder (<c>DATAROOT/FOLDERNAME</c>).</param>
    /// <param name="watch">Whether to watch the folder and hot-reload changed plugins.</param>
    /// <param name="clock">The clock for load times and quarantine.</param>
    /// <param name="log">Where load failures and reloads are reported.</param>
    public static IRankerCatalog Create(string? pluginsDirectory, string dataRoot, bool watch, TimeProvider clock, Action<string> log)
    {
        string? folder = pluginsDirectory ?? BuiltInFolder;
        if (folder is null) return new EmptyRankerCatalog();
        return new PluginCatalog(new PluginCatalogOptions { Folder = folder, DataRoot = dataRoot, Watch = watch }, log, clock);
    }
}
