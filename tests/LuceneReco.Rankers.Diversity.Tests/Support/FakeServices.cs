using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Diversity.Tests.Support;

/// <summary>The host's side of the contract, in memory: a catalogue, no interactions, a log that keeps warnings.</summary>
internal sealed class FakeServices(FakeCatalog catalog) : IRankerServices, IInteractionReader, IRankerLog
{
    public FakeCatalog Catalog { get; } = catalog;

    public List<string> Warnings { get; } = [];

    public IItemCatalog Items => Catalog;

    public IInteractionReader Interactions => this;

    public string DataDirectory => Path.GetTempPath();

    public IRankerLog Log => this;

    public TimeProvider Clock => TimeProvider.System;

    /// <summary>The step the host names (null: none).</summary>
    public string? StepName { get; init; }

    /// <summary>The pipeline the host names (null: none).</summary>
    public string? PipelineName { get; init; }

    public IReadOnlyList<Interaction> ForUser(string userId, int max = 1000) => [];

    public IReadOnlyList<Interaction> ForItem(string itemId, int max = 1000) => [];

    public void Info(string message) { }

    public void Warn(string message) => Warnings.Add(message);
}
