using LuceneReco.Plugins;

namespace LuceneReco.Host.Serving;

/// <summary>The services one ranker gets: the shared item catalogue, interactions and clock, its own data folder and log.</summary>
internal sealed class RankerServices(IItemCatalog items, IInteractionReader interactions, string dataDirectory, IRankerLog log, TimeProvider clock)
    : IRankerServices
{
    public IItemCatalog Items { get; } = items;

    public IInteractionReader Interactions { get; } = interactions;

    public string DataDirectory { get; } = dataDirectory;

    public IRankerLog Log { get; } = log;

    public TimeProvider Clock { get; } = clock;
}
