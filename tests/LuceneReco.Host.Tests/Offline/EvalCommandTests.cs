using System.Text.Json;
using LuceneReco.Host.Offline;
using LuceneReco.Host.Tests.Cli;

namespace LuceneReco.Host.Tests.Offline;

public sealed class EvalCommandTests
{
    [Fact]
    public void Eval_PlantedGroups_CollaborativePipelineBeatsPopularity()
    {
        using var data = new RecoData();
        var json = CliRun.Of(["eval", "--index", data.Index, "--interactions", data.InteractionsFile, "--k", "5", "--json", .. RecoData.FastModel]).AssertOk();
        using var document = JsonDocument.Parse(json);
        var systems = document.RootElement.GetProperty("systems").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        double Ndcg(string name) => systems[name].GetProperty("ndcg10").GetDouble();
        Assert.Equal(40, systems["recommend"].GetProperty("users").GetInt32());
        Assert.True(Ndcg("recommend") > Ndcg("popularity") + 0.05, $"recommend {Ndcg("recommend")} vs popularity {Ndcg("popularity")}");
        Assert.True(Ndcg("item-kNN") > Ndcg("popularity"), $"item-kNN {Ndcg("item-kNN")} vs popularity {Ndcg("popularity")}");
    }

    [Fact]
    public void Eval_Table_HasEverySystemAndTheColdColumn()
    {
        using var data = new RecoData();
        var table = CliRun.Of(["eval", "--index", data.Index, "--interactions", data.InteractionsFile, "--k", "5", "--cold-items", "0.2", .. RecoData.FastModel]).AssertOk();
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("cold items 0.2 (6 items", lines[0]);
        Assert.Contains("cold R@5", lines[1]);
        Assert.StartsWith("popularity", lines[2]);
        Assert.StartsWith("item-kNN", lines[3]);
        Assert.StartsWith("recommend", lines[4]);
    }

    [Fact]
    public void Eval_ColdItems_TheBuiltInPipelineReachesThemByContent_ItemKnnCannot()
    {
        using var data = new RecoData();
        var json = CliRun.Of(["eval", "--index", data.Index, "--interactions", data.InteractionsFile, "--k", "20", "--cold-items", "0.2", "--json", .. RecoData.FastModel]).AssertOk();
        using var document = JsonDocument.Parse(json);
        var systems = document.RootElement.GetProperty("systems").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        double Cold(string name) => systems[name].GetProperty("coldRecall").GetDouble();
        Assert.Equal(0, Cold("item-kNN"));
        Assert.True(Cold("recommend") > 0, $"recommend cold recall {Cold("recommend")}");
    }

    [Fact]
    public void BuiltInRecommendPipeline_IsValid_AndKeepsPlacesForNewItems()
    {
        Assert.Empty(RecoPipelines.BuiltIn.Validate());
        var pipeline = RecoPipelines.BuiltIn.Find(null)!;
        Assert.Equal(("profile", 20), (pipeline.NewItems!.Source, pipeline.NewItems.Every));
    }

    [Fact]
    public void ColdItemsSplit_MovesEveryInteractionOfTheChosenItemsToTest()
    {
        using var data = new RecoData();
        var events = LuceneReco.Host.Interactions.InteractionFiles.ReadAll(data.InteractionsFile, DateTimeOffset.UnixEpoch);
        var (split, cold) = EvaluationSplit.Create(events, byTime: true, testFraction: 0.2, coldItems: 0.2, seed: 3);

        Assert.Equal(6, cold.Count); // round(30 * 0.2)
        Assert.DoesNotContain(split.Train, e => cold.Contains(e.ItemId));
        Assert.Equal(events.Count(e => cold.Contains(e.ItemId)), split.Test.Count(e => cold.Contains(e.ItemId)));
        Assert.Equal(events.Count, split.Train.Count + split.Test.Count);
        Assert.Equal(cold, EvaluationSplit.Create(events, true, 0.2, 0.2, 3).Cold);
    }
}
