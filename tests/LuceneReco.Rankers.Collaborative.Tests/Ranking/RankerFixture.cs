using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.Tests.Support;
using LuceneReco.Rankers.Collaborative.Training;
using static LuceneReco.Rankers.Collaborative.Tests.Support.Events;

namespace LuceneReco.Rankers.Collaborative.Tests.Ranking;

/// <summary>
/// A tiny film catalogue with two taste groups (m1-m3 and m4-m6), fake host services around a temporary data directory,
/// and helpers to train into it and run a stage through the plugin contract.
/// </summary>
internal sealed class RankerFixture : IDisposable
{
    public static readonly Interaction[] Training =
    [
        E("u1", "m1"), E("u1", "m2"), E("u1", "m3"),
        E("u2", "m1"), E("u2", "m2"),
        E("u3", "m2"), E("u3", "m3"), E("u3", "m4"),
        E("u4", "m4"), E("u4", "m5"),
        E("u5", "m5"), E("u5", "m6"),
        E("u6", "m4"), E("u6", "m5"), E("u6", "m6"),
        E("u7", "m1"), E("u7", "m3"),
    ];

    private readonly TempDir _dir = new();

    public RankerFixture()
    {
        Services = new FakeServices(_dir.Path);
        string[] titles = ["", "Alien", "Blade Runner", "Contact", "Dune", "Eraserhead", "Fargo"];
        for (int k = 1; k <= 6; k++) Services.Catalog.Add("m" + k, titles[k]);
        // alice is not in the training data: her history lives in the interaction store.
        Services.Events.Add(E("alice", "m1", second: 1));
        Services.Events.Add(E("alice", "m2", second: 2));
    }

    public FakeServices Services { get; }

    public string ModelDirectory => Path.Combine(Services.DataDirectory, "models");

    public TrainingReport Train() => Trainer.Train(Training, new TrainerOptions
    {
        OutputDirectory = ModelDirectory,
        ItemKnn = new ItemKnnOptions { Neighbours = 10, Shrink = 1 },
        Als = new ImplicitAlsOptions { Factors = 2, Iterations = 15, Alpha = 10, Regularization = 0.1 }, // two taste groups: more factors would memorise each user
    }, Services.Time);

    public IRankerStage Stage(IRankerPlugin plugin, string optionsJson = "{}")
    {
        using JsonDocument doc = JsonDocument.Parse(optionsJson);
        return plugin.CreateStage(doc.RootElement.Clone(), Services);
    }

    /// <summary>Candidates m3..m6 with incoming scores favouring the wrong taste group: m6 4, m5 3, m4 2, m3 1.</summary>
    public static List<Candidate> Candidates() => [new("m6", 4), new("m5", 3), new("m4", 2), new("m3", 1), new("x9", 0.5)];

    public static RankingRequest Request(string? user, params string[] recent) =>
        new(user, null, recent, 10, new Dictionary<string, string>());

    public void Dispose() => _dir.Dispose();
}
