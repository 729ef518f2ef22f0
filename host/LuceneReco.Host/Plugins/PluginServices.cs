using LuceneReco.Plugins;

namespace LuceneReco.Host.Plugins;

/// <summary>The host's services for one plugin, with the data directory the catalogue made for that plugin.</summary>
internal sealed class PluginServices(IRankerServices host, string dataDirectory) : IRankerServices
{
    public IItemCatalog Items => host.Items;

    public IInteractionReader Interactions => host.Interactions;

    public string DataDirectory { get; } = dataDirectory;

    public IRankerLog Log => host.Log;

    public TimeProvider Clock => host.Clock;
}
