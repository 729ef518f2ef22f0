using LuceneReco.Host.Interactions;
using LuceneReco.Host.Tests.Cli;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Host.Tests.Offline;

/// <summary>
/// <c>train --store</c> reads the SQLite interaction store, so a user erased from it is in no model trained afterwards;
/// <c>recommend --store</c> reads the user's history from the same file. Real store files, real model files.
/// </summary>
public sealed class StoreTrainingTests : IDisposable
{
    private readonly RecoData _data = new();
    private readonly string _store;

    public StoreTrainingTests()
    {
        _store = _data.Files.PathOf("events.db");
        // "zz" is the only user of item x99, so both models can only know x99 through zz.
        var extra = _data.Files.Write("zz.tsv", "zz\tx99\t5\t1700000000\nzz\ts00\t4\t1700000001\nzz\tc00\t4\t1700000002\n");
        CliRun.Of("interactions", "import", "--store", _store, "--file", _data.InteractionsFile).AssertOk();
        CliRun.Of("interactions", "import", "--store", _store, "--file", extra).AssertOk();
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public void TrainFromStore_AfterErase_TheUserAndTheirOnlyItemAreInNoModel()
    {
        string data = _data.Files.PathOf("data"), models = Path.Combine(data, "collaborative", "models");
        (string Summary, bool UserInAls, bool ItemInAls, bool ItemInKnn, int AlsUsers) Train(int version)
        {
            var summary = CliRun.Of(["train", "--store", _store, "--data", data, .. RecoData.FastModel]).AssertOk().Trim();
            var (als, _) = ModelFiles.LoadAls(Path.Combine(models, $"als-v{version}.bin"));
            var (knn, _) = ModelFiles.LoadItemKnn(Path.Combine(models, $"itemknn-v{version}.bin"));
            return (summary, als.Users.Contains("zz"), als.Items.Contains("x99"), knn.Items.Contains("x99"), als.Users.Count);
        }

        var before = Train(1);
        Assert.Contains("als: 8 factors, 41 users x 31 items in ", before.Summary);
        Assert.Contains("trained popular, als, ease, itemknn, userknn, learned: 403 events in ", before.Summary);
        Assert.Equal((true, true, true, 41), (before.UserInAls, before.ItemInAls, before.ItemInKnn, before.AlsUsers));

        CliRun.Of("users", "erase", "--store", _store, "--user", "zz").AssertOk();
        var after = Train(2);
        Assert.Contains("als: 8 factors, 40 users x 30 items in ", after.Summary);
        Assert.Contains("trained popular, als, ease, itemknn, userknn, learned: 400 events in ", after.Summary);
        Assert.Equal((false, false, false, 40), (after.UserInAls, after.ItemInAls, after.ItemInKnn, after.AlsUsers));
    }

    [Fact]
    public void Train_NeedsExactlyOneSource_AndAnExistingStore()
    {
        string models = _data.Files.PathOf("m");
        Assert.Contains("give either --store FILE or --interactions FILE",
            CliRun.Of("train", "--data", models).AssertOneLineFailure(2));
        Assert.Contains("give either --store FILE or --interactions FILE",
            CliRun.Of("train", "--store", _store, "--interactions", _data.InteractionsFile, "--data", models).AssertOneLineFailure(2));
        Assert.Contains("does not exist", CliRun.Of("train", "--store", _data.Files.PathOf("none.db"), "--data", models).AssertOneLineFailure(2));
        Assert.False(File.Exists(_data.Files.PathOf("none.db")));
    }

    [Fact]
    public void Train_EmptyStore_SaysSo()
    {
        string empty = _data.Files.PathOf("empty.db");
        SqliteInteractionStore.Open(empty).Dispose();
        var line = CliRun.Of("train", "--store", empty, "--data", _data.Files.PathOf("m")).AssertOneLineFailure(2);
        Assert.Contains($"interaction store '{empty}' has no events", line);
    }

    [Fact]
    public void Recommend_WithStore_ReadsTheUsersHistory_AndLeavesItOut()
    {
        string data = _data.Files.PathOf("data");
        CliRun.Of(["train", "--store", _store, "--data", data, .. RecoData.FastModel]).AssertOk();
        var config = _data.Files.Write("cf.json", """
            { "defaultPipeline": "cf", "pipelines": { "cf": { "recall": [ { "source": "als", "size": 10 }, { "source": "profile", "size": 10 } ] } } }
            """);
        var output = CliRun.Of("recommend", "--index", _data.Index, "--store", _store, "--data", data, "--config", config,
            "--user", "u00", "--k", "5", "--json").AssertOk();

        using var json = System.Text.Json.JsonDocument.Parse(output);
        var ids = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.Equal(5, ids.Count);
        Assert.All(ids, id => Assert.StartsWith("s", id)); // u00 is a space user: its neighbours and its text are space
        using var store = SqliteInteractionStore.Open(_store);
        var history = store.ForUser("u00").Select(e => e.ItemId).ToHashSet();
        Assert.Equal(RecoData.PerUser, history.Count);
        Assert.DoesNotContain(ids, history.Contains);

        var missing = CliRun.Of("recommend", "--index", _data.Index, "--store", _data.Files.PathOf("none.db"), "--user", "u00").AssertOneLineFailure(2);
        Assert.Contains("does not exist", missing);
    }
}
