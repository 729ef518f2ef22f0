using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Learned.Tests.Support;

/// <summary>The host's side of the contract, in memory: no items or interactions (the ranker reads candidates' features), a log that keeps lines.</summary>
internal sealed class FakeServices(string dataDirectory) : IRankerServices
{
    public ListLog Lines { get; } = new();

    public IItemCatalog Items { get; } = new EmptyCatalog();

    public IInteractionReader Interactions { get; } = new NoInteractions();

    public string DataDirectory { get; } = dataDirectory;

    public IRankerLog Log => Lines;

    public TimeProvider Clock { get; } = TimeProvider.System;

    private sealed class EmptyCatalog : IItemCatalog
    {
        public int Count => 0;

        public bool Contains(string itemId) => false;

        public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(string itemId) => new Dictionary<string, IReadOnlyList<string>>();

        public double? Number(string itemId, string field) => null;

        public IReadOnlyList<KeyValuePair<string, int>> TermVector(string itemId, string field) => [];

        public int DocFreq(string field, string term) => 0;
    }

    private sealed class NoInteractions : IInteractionReader
    {
        public IReadOnlyList<Interaction> ForUser(string userId, int max = 1000) => [];

        public IReadOnlyList<Interaction> ForItem(string itemId, int max = 1000) => [];
    }
}
