using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>A plugin's services as given to the stage or source of one pipeline step: the plugin's own, with the step named.</summary>
internal sealed class StepServices(IRankerServices inner, string pipeline, string step) : IRankerServices
{
    public IItemCatalog Items => inner.Items;

    public IInteractionReader Interactions => inner.Interactions;

    public string DataDirectory => inner.DataDirectory;

    public IRankerLog Log => inner.Log;

    public TimeProvider Clock => inner.Clock;

    public string? PipelineName => pipeline;

    public string? StepName => step;
}
