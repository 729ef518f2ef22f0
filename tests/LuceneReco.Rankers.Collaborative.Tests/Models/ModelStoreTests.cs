using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.Tests.Support;
using static LuceneReco.Rankers.Collaborative.Tests.Support.Events;

namespace LuceneReco.Rankers.Collaborative.Tests.Models;

public sealed class ModelStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = new();
    private readonly List<string> _warnings = [];

    public void Dispose() => _dir.Dispose();

    private ModelStore<ItemKnnModel> Store() =>
        new(_dir.Path, ItemKnnModel.Kind, ModelFiles.LoadItemKnn, _clock, _warnings.Add, TimeSpan.FromSeconds(2));

    private string Save(int variant)
    {
        var m = InteractionMatrix.Build([E("u1", "a"), E("u1", "b", 1 + variant), E("u2", "b"), E("u2", "c")]);
        var meta = new ModelMetadata("", 0, _clock.GetUtcNow(), m.Users.Count, m.Items.Count, m.EventCount, m.NonZeros, 0, new Dictionary<string, string>());
        return ModelFiles.Save(ItemKnnModel.Train(m), _dir.Path, meta).Path;
    }

    [Fact]
    public void Empty_ServesNothing_ThenPicksUpTheFirstVersion()
    {
        ModelStore<ItemKnnModel> store = Store();
        Assert.Null(store.Get());

        Save(0);
        Assert.Null(store.Get()); // within the poll interval: no listing
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, store.Get()?.Version);
    }

    [Fact]
    public void NewerVersion_IsServedAfterThePollInterval()
    {
        Save(0);
        ModelStore<ItemKnnModel> store = Store();
        Assert.Equal(1, store.Get()?.Version);

        Save(1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, store.Get()?.Version);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(2, store.Get()?.Version);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void DamagedNewerVersion_IsReportedOnce_AndThePreviousKeepsServing()
    {
        Save(0);
        ModelStore<ItemKnnModel> store = Store();
        LoadedModel<ItemKnnModel> first = store.Get()!;

        string v2 = Save(1);
        Damage.FlipByte(v2, -100);
        _clock.Advance(TimeSpan.FromSeconds(5));
        LoadedModel<ItemKnnModel>? served = store.Get();
        _clock.Advance(TimeSpan.FromSeconds(5));
        store.Get();

        Assert.Same(first, served);
        Assert.Same(first, store.Get());
        string warning = Assert.Single(_warnings); // not retried while the file is unchanged
        Assert.Contains(v2, warning, StringComparison.Ordinal);
        Assert.Contains("version 1 keeps serving", warning, StringComparison.Ordinal);
        Assert.Contains(v2, store.LastError, StringComparison.Ordinal);

        Save(2); // the fix: a newer good version
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(3, store.Get()?.Version);
    }

    [Fact]
    public void DamagedOnlyVersion_IsAProblemNamingTheFile_UntilAGoodVersionIsWritten()
    {
        string v1 = Save(0);
        Damage.FlipByte(v1, 10);
        ModelStore<ItemKnnModel> store = Store();

        Assert.Null(store.Get());
        Assert.Contains(v1, store.LastError, StringComparison.Ordinal);
        Assert.EndsWith("no model of this kind is loaded", store.LastError, StringComparison.Ordinal);

        Save(1);
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(2, store.Get()?.Version);
        Assert.Null(store.LastError);
    }

    [Fact]
    public void DamagedNewerVersion_StopsBeingAProblem_OnceItsFileIsRemoved()
    {
        Save(0);
        ModelStore<ItemKnnModel> store = Store();
        string v2 = Save(1);
        Damage.FlipByte(v2, -100);
        _clock.Advance(TimeSpan.FromSeconds(2));
        store.Get();
        Assert.EndsWith("version 1 keeps serving", store.LastError, StringComparison.Ordinal);

        File.Delete(v2);
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, store.Get()?.Version);
        Assert.Null(store.LastError);
    }

    [Fact]
    public void AtStart_ADamagedNewestVersion_FallsBackToThePrevious()
    {
        Save(0);
        string v2 = Save(1);
        Damage.FlipByte(v2, 10);

        LoadedModel<ItemKnnModel>? served = Store().Get();

        Assert.Equal(1, served?.Version);
        Assert.Contains(v2, Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Refresh_ListsAtOnce_AndSaysWhetherTheModelChanged()
    {
        ModelStore<ItemKnnModel> store = Store();
        Assert.False(store.Refresh());
        Save(0);

        Assert.True(store.Refresh());
        Assert.False(store.Refresh());
        Assert.Equal(1, store.Get()?.Version);
    }
}
