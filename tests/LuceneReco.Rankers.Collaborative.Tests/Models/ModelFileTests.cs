using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.Tests.Support;
using static LuceneReco.Rankers.Collaborative.Tests.Support.Events;

namespace LuceneReco.Rankers.Collaborative.Tests.Models;

public sealed class ModelFileTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = new();

    public void Dispose() => _dir.Dispose();

    private static InteractionMatrix Matrix(int variant = 0) => InteractionMatrix.Build(
    [
        E("u1", "a", 2), E("u1", "b"), E("u2", "a"), E("u2", "b"), E("u2", "c", 3),
        E("u3", "b"), E("u3", "c"), E("u3", "d"), E("u4", "c"), E("u4", "d", 1 + variant),
    ], new InteractionMatrixOptions { Scaling = WeightScaling.Log, MinWeight = 0.5 });

    private ModelMetadata Meta(InteractionMatrix m) =>
        new("ignored", 0, _clock.GetUtcNow(), m.Users.Count, m.Items.Count, m.EventCount, m.NonZeros, 0.25, new Dictionary<string, string> { ["note"] = "test" });

    private string SaveKnn(int variant = 0)
    {
        InteractionMatrix m = Matrix(variant);
        return ModelFiles.Save(ItemKnnModel.Train(m, new ItemKnnOptions { Neighbours = 2, Shrink = 1 }), _dir.Path, Meta(m)).Path;
    }

    [Fact]
    public void ItemKnn_RoundTrips_WithMetadataAndMatrixOptions()
    {
        InteractionMatrix m = Matrix();
        ItemKnnModel model = ItemKnnModel.Train(m, new ItemKnnOptions { Neighbours = 2, Shrink = 1 });
        (string path, ModelMetadata written) = ModelFiles.Save(model, _dir.Path, Meta(m));

        (ItemKnnModel loaded, ModelMetadata meta) = ModelFiles.LoadItemKnn(path);

        Assert.Equal(Path.Combine(_dir.Path, "itemknn-v1.bin"), path);
        Assert.Equal(written, meta with { Parameters = written.Parameters });
        Assert.Equal("itemknn", meta.Kind);
        Assert.Equal(1, meta.Version);
        Assert.Equal(_clock.GetUtcNow(), meta.TrainedAt);
        Assert.Equal("test", meta.Parameters["note"]);
        Assert.Equal(model.Items.Ids, loaded.Items.Ids);
        Assert.Equal(model.MatrixOptions, loaded.MatrixOptions);
        Assert.Equal(model.Options, loaded.Options);
        foreach (string item in model.Items.Ids) Assert.Equal(model.Neighbours(item, 10), loaded.Neighbours(item, 10));
    }

    [Fact]
    public void Als_RoundTrips_BitForBit()
    {
        InteractionMatrix m = Matrix();
        ImplicitAlsModel model = ImplicitAlsModel.Train(m, new ImplicitAlsOptions { Factors = 4, Iterations = 3, Alpha = 5 });
        string path = ModelFiles.Save(model, _dir.Path, Meta(m)).Path;

        (ImplicitAlsModel loaded, _) = ModelFiles.LoadAls(path);

        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.MatrixOptions, loaded.MatrixOptions);
        Assert.Equal(model.Users.Ids, loaded.Users.Ids);
        foreach (string u in model.Users.Ids) Assert.Equal(model.UserFactors(u), loaded.UserFactors(u));
        foreach (string i in model.Items.Ids) Assert.Equal(model.ItemFactors(i), loaded.ItemFactors(i));
    }

    [Fact]
    public void Versions_Increase_AndAKindIsNotReadAsAnother()
    {
        string v1 = SaveKnn(), v2 = SaveKnn(1);

        Assert.EndsWith("itemknn-v1.bin", v1, StringComparison.Ordinal);
        Assert.EndsWith("itemknn-v2.bin", v2, StringComparison.Ordinal);
        Assert.Equal([2, 1], ModelFiles.Versions(_dir.Path, "itemknn").Select(v => v.Version));
        var e = Assert.Throws<ModelFileException>(() => ModelFiles.LoadAls(v2));
        Assert.Contains("'itemknn' model, not 'als'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]      // magic
    [InlineData(5)]      // format version
    [InlineData(40)]     // metadata
    [InlineData(-200)]   // payload
    [InlineData(-1)]     // the checksum itself
    public void FlippedByte_FailsToLoad_NamingTheFile(int offset)
    {
        string path = SaveKnn();
        Damage.FlipByte(path, offset);

        var e = Assert.Throws<ModelFileException>(() => ModelFiles.LoadItemKnn(path));

        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedFile_FailsToLoad_NamingTheFile()
    {
        string path = SaveKnn();
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<ModelFileException>(() => ModelFiles.LoadItemKnn(path));

        Assert.Contains("checksum mismatch", e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void FailedWrite_LeavesNoPartialOrTemporaryFile_AndThePreviousVersionLoads()
    {
        string v1 = SaveKnn();
        var meta = Meta(Matrix());

        Assert.Throws<IOException>(() => ModelFile.Write(_dir.Path, "itemknn", meta, w =>
        {
            w.Write(new byte[1000]);
            throw new IOException("disk full (simulated)");
        }));

        Assert.Equal([Path.GetFileName(v1)], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
        Assert.NotNull(ModelFiles.LoadItemKnn(v1).Model);
    }

    [Fact]
    public void SuccessfulWrite_LeavesOnlyTheVersionFiles()
    {
        SaveKnn();
        SaveKnn(1);

        Assert.Equal(["itemknn-v1.bin", "itemknn-v2.bin"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Prune_KeepsTheNewest()
    {
        for (int k = 0; k < 4; k++) SaveKnn(k);

        IReadOnlyList<string> deleted = ModelFiles.Prune(_dir.Path, "itemknn", keep: 2);

        Assert.Equal(2, deleted.Count);
        Assert.Equal([4, 3], ModelFiles.Versions(_dir.Path, "itemknn").Select(v => v.Version));
    }
}
