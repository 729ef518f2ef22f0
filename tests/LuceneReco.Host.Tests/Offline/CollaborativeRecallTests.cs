using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Offline;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Training;

namespace LuceneReco.Host.Tests.Offline;

public sealed class CollaborativeRecallTests
{
    [Theory]
    [InlineData("itemknn")]
    [InlineData("als")]
    public void Recall_UserWithHistory_GetsOwnGroupItemsNotSeen_UserWithoutGetsNothing(string sourceName)
    {
        using var data = new RecoData();
        var events = InteractionFile.Read(data.InteractionsFile);
        string models = data.Files.PathOf("models");
        Trainer.Train(events, new TrainingSettings { Factors = 8, Iterations = 8, Lambda = 1 }.ToTrainerOptions(models));
        var history = new FixedInteractions(events);
        using var reader = LuceneReco.Index.IndexReader.Open(data.Index);
        var cache = new CollaborativeModelCache(data.Files.Root, TimeProvider.System, _ => { });
        var source = RecallSources.Find(sourceName)!;
        var step = new RecallStep { Source = sourceName, Size = 3, Models = "models" };

        var cookingUser = history.ForUser("u30");
        var seen = cookingUser.Select(e => e.ItemId).ToHashSet();
        var hits = source.Recall(new RecallContext { Reader = reader, History = cookingUser, Models = cache }, step);
        Assert.Equal(3, hits.Count);
        Assert.All(hits, h => Assert.StartsWith("c", h.Id));
        Assert.All(hits, h => Assert.DoesNotContain(h.Id, seen));
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score), "hits are best first");

        Assert.Empty(source.Recall(new RecallContext { Reader = reader, History = [], Models = cache }, step));
        Assert.Empty(source.Recall(new RecallContext { Reader = reader, History = cookingUser, Models = cache }, step with { Models = "no-models-here" }));
    }

    [Fact]
    public void Config_ModelsOnlyForCollaborativeSources()
    {
        var (config, errors) = ServingConfigParser.Parse("""
            {"defaultPipeline":"p","pipelines":{"p":{"models":"m","recall":[{"source":"als","models":"x"},{"source":"profile","models":"y"}]}}}
            """);
        Assert.Null(config);
        var error = Assert.Single(errors);
        Assert.Contains("pipelines.p.recall[1]: models applies only to the collaborative sources", error);
    }
}
