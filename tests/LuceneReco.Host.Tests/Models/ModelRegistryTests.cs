using LuceneReco.Host.Models;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Models;

/// <summary>The registry behind <c>lucenereco models</c> and <c>/admin/models</c>, over version files in a real folder.</summary>
public sealed class ModelRegistryTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Folder(params string[] files)
    {
        string dir = Path.Combine(_files.PathOf("data"), "plugin", "models");
        Directory.CreateDirectory(dir);
        foreach (string f in files) File.WriteAllText(Path.Combine(dir, f), f);
        return dir;
    }

    [Fact]
    public void TheFirstPromote_RemembersTheNewestThatProductionServedWhileUnset_SoRollbackReturnsToIt()
    {
        string dir = Folder("knn-v1.bin", "knn-v2.bin");
        var registry = new ModelRegistry(_files.PathOf("data"));

        string moved = registry.Promote("plugin/models/knn", 1, ModelAliases.Production);
        Assert.Contains("moved from version 2 to 1", moved);
        Assert.Contains(2, ModelAliases.Read(dir).Pinned("knn")); // kept by pruning, for the way back

        Assert.Contains("rolled back from version 1 to 2", registry.Rollback("plugin/models/knn", ModelAliases.Production));
        Assert.Equal(2, ModelAliases.Read(dir).Target("knn", ModelAliases.Production));
    }

    [Fact]
    public void PromotingTheVersionProductionAlreadyServes_SetsItWithoutAHistory()
    {
        string dir = Folder("knn-v1.bin", "knn-v2.bin");
        var registry = new ModelRegistry(_files.PathOf("data"));
        Assert.Contains("now points to version 2", registry.Promote("plugin/models/knn", 2, ModelAliases.Production));
        Assert.Equal(2, ModelAliases.Read(dir).Target("knn", ModelAliases.Production));
        Assert.Throws<ModelRegistryException>(() => registry.Rollback("plugin/models/knn", ModelAliases.Production));
    }

    [Fact]
    public void AVersionsModelAndFeaturesFile_AreOneVersion()
    {
        Folder("model-v1.txt", "model-v1.features.json", "model-v2.txt", "model-v2.features.json", ".model-v3.txt.tmp");
        var model = Assert.Single(new ModelRegistry(_files.PathOf("data")).List());
        Assert.Equal("plugin/models/model", model.Name);
        Assert.Equal([2, 1], model.Versions.Select(v => v.Version));
        Assert.Equal("model-v2.txt", model.Versions[0].File);
        Assert.Equal("model-v2.txt".Length + "model-v2.features.json".Length, model.Versions[0].Bytes);
    }

    [Fact]
    public void ADamagedAliasesFile_IsListedAsTheModelsProblem_AndMovesAreRefusedNamingIt()
    {
        string dir = Folder("knn-v1.bin", "knn-v2.bin");
        File.WriteAllText(Path.Combine(dir, ModelAliases.FileName), "{ not json");
        var registry = new ModelRegistry(_files.PathOf("data"));
        var model = Assert.Single(registry.List());
        Assert.Contains(ModelAliases.FileName, model.Problem);
        var e = Assert.Throws<ModelRegistryException>(() => registry.Promote("plugin/models/knn", 1, ModelAliases.Production));
        Assert.Contains(ModelAliases.FileName, e.Message);
        Assert.Throws<ModelRegistryException>(() => registry.Rollback("plugin/models/knn", ModelAliases.Production));
    }
}
