namespace LuceneReco.Host.Plugins;

/// <summary>A plugin folder could not be loaded; the message names the folder or file and says why.</summary>
internal sealed class PluginLoadException : Exception
{
    /// <summary>Creates the exception with a message naming the file and the reason.</summary>
    public PluginLoadException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping what the runtime or the plugin's own code threw.</summary>
    public PluginLoadException(string message, Exception inner) : base(message, inner) { }
}
