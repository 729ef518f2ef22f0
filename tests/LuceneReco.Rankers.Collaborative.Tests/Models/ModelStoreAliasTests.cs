using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.Tests.Support;
using static LuceneReco.Rankers.Collaborative.Tests.Support.Events;

namespace LuceneReco.Rankers.Collaborative.Tests.Models;

/// <summary>A model store follows its alias in the folder's aliases.json (real files), and pruning keeps what aliases need.</summary>
public sealed class ModelStoreAliasTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = new();
    private readonly List<string> _warnings = [];

    public void Dispose() => _dir.Dispose();

    private ModelStore<ItemKnnModel> Store(string? reference = null) =>
        new(_dir.Path, ItemKnnModel.Kind, ModelFiles.LoadItemKnn, _clock, _warnings.Add, TimeSpan.FromSeconds(2), reference);

    private string Save(int variant)
    {
        var m = InteractionMatrix.Build([E("u1", "a"), E("u1", "b", 1 + variant), E("u2", "b"), E("u2", "c")]);
        var meta = new ModelMetadata("", 0, _clock.GetUtcNow(), m.Users.Count, m.Items.Count, m.EventCount, m.NonZeros, 0, new Dictionary<string, string>());
        return ModelFiles.Save(ItemKnnModel.Train(m), _dir.Path, meta).Path;
    }

    [Fact]
    public void NoAliasFile_ProductionServesTheNewest()
    {
        Save(0);
        Save(1);
        Assert.Equal(2, Store().Get()?.Version);
        Assert.False(File.Exists(Path.Combine(_dir.Path, ModelAliases.FileName)));
    }

    [Fact]
    public void Promote_ToAnOlderVersion_IsFollowed_AndRollbackReturnsInstantly()
    {
        Save(0);
        Save(1);
        var store = Store();
        LoadedModel<ItemKnnModel> v2 = store.Get()!;

        ModelAliases.Promote(_dir.Path, ItemKnnModel.Kind, ModelAliases.Production, 2);
        ModelAliases.Promote(_dir.Path, ItemKnnModel.Kind, ModelAliases.Production, 1);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, store.Get()?.Version);

        Save(2); // a newly trained version is not served until promoted
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, store.Get()?.Version);

        var (from, to) = ModelAliases.Rollback(_dir.Path, ItemKnnModel.Kind, ModelAliases.Production);
        Assert.Equal((1, 2), (from, to));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Same(v2, store.Get()); // the replaced version stayed in memory
        Assert.Empty(_warnings);
        Assert.Null(store.LastError);
    }

    [Fact]
    public void Canary_FollowsItsOwnAlias_AndFallsBackToProductionUntilSet()
    {
        Save(0);
        Save(1);
        ModelAliases.Promote(_dir.Path, ItemKnnModel.Kind, ModelAliases.Production, 1);
        var canary = Store("canary");
        Assert.Equal(1, canary.Get()?.Version);

        ModelAliases.Promote(_dir.Path, ItemKnnModel.Kind, "canary", 2);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, canary.Get()?.Version);
        Assert.Equal(1, Store().Get()?.Version);
        Assert.Equal(1, Store("v1").Get()?.Version);
    }

    [Fact]
    public void AliasNamingAMissingVersion_IsAProblem_AndTheServedVersionKeepsServing()
    {
        Save(0);
        var store = Store();
        Assert.Equal(1, store.Get()?.Version);
        ModelAliases.Promote(_dir.Path, ItemKnnModel.Kind, ModelAliases.Production, 7);
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, store.Get()?.Version);
        Assert.Contains("version 7", store.LastError);
        Assert.Contains("version 1 keeps serving", store.LastError);
    }

    [Fact]
    public void DamagedAliasFile_NamesTheFile_AndTheServedVersionKeepsServing()
    {
        Save(0);
        var store = Store();
        Assert.Equal(1, store.Get()?.Version);
        File.WriteAllText(Path.Combine(_dir.Path, ModelAliases.FileName), "{ not json");
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, store.Get()?.Version);
        Assert.Contains(ModelAliases.FileName, store.LastError);
    }

    [Fact]
    public void Prune_KeepsAliasTargetsAndPinnedVersions()
    {
        for (int i = 0; i < 5; i++) Save(i);
        ModelAliases.Promote(_dir.Path, ItemKnnModel.Kind, ModelAliases.Production, 1);
        ModelAliases.Promote(_dir.Path, ItemKnnModel.Kind, ModelAliases.Production, 2); // pins 1
        ModelAliases.SetPinned(_dir.Path, ItemKnnModel.Kind, 3, pin: true);

        ModelFiles.Prune(_dir.Path, ItemKnnModel.Kind, keep: 1);

        Assert.Equal([5, 3, 2, 1], ModelFiles.Versions(_dir.Path, ItemKnnModel.Kind).Select(v => v.Version));
        ModelAliases.SetPinned(_dir.Path, ItemKnnModel.Kind, 1, pin: false);
        ModelFiles.Prune(_dir.Path, ItemKnnModel.Kind, keep: 1);
        Assert.Equal([5, 3, 2], ModelFiles.Versions(_dir.Path, ItemKnnModel.Kind).Select(v => v.Version));
    }

    [Fact]
    public void Rollback_WithoutAnEarlierTarget_Throws()
    {
        ModelAliases.Promote(_dir.Path, ItemKnnModel.Kind, ModelAliases.Production, 1);
        var e = Assert.Throws<InvalidOperationException>(() => ModelAliases.Rollback(_dir.Path, ItemKnnModel.Kind, ModelAliases.Production));
        Assert.Contains("no earlier version", e.Message);
    }

    [Fact]
    public void AliasFile_IsReplacedWhole_LeavingNoTemporaryFiles()
    {
        for (int v = 1; v <= 20; v++) ModelAliases.Promote(_dir.Path, ItemKnnModel.Kind, "canary", v);
        Assert.Equal(20, ModelAliases.Read(_dir.Path).Target(ItemKnnModel.Kind, "canary"));
        Assert.Empty(Directory.EnumerateFiles(_dir.Path, "*.tmp"));
    }
}
