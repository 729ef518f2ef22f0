using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Plugins;

namespace LuceneReco.Host.Serving;

/// <summary>A catalogue with no rankers: pipelines run recall and fusion only, and every stage is reported as skipped.</summary>
internal sealed class EmptyRankerCatalog : IRankerCatalog
{
    public RankerHandle? Find(string name) => null;

    public IReadOnlyList<PluginStatus> List() => [];

    public void ReportFault(string name, string reason)
    {
        // nothing is loaded, so nothing can be quarantined; the runner has already reported the skip
    }

    public void Reload()
    {
        // there is no folder to rescan
    }
}
