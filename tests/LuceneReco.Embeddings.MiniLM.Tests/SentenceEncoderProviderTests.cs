using System.Numerics.Tensors;
using System.Text.Json;

namespace LuceneReco.Embeddings.MiniLM.Tests;

/// <summary>The real all-MiniLM-L6-v2 encoder on a handful of short texts (CI stays fast).</summary>
public sealed class SentenceEncoderProviderTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    [Fact]
    public void Embed_ShortTexts_GivesUnitVectorsWhereRelatedTextsAreCloser()
    {
        var batch = fixture.Provider.Embed(["a space station orbiting the earth", "astronauts aboard an orbital laboratory", "a recipe for chocolate cake"], default);
        Assert.Equal(3, batch.Vectors.Count);
        Assert.Equal(0, batch.Truncated);
        Assert.All(batch.Vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.InRange(TensorPrimitives.Norm(v), 0.999f, 1.001f);
        });
        float related = TensorPrimitives.Dot(batch.Vectors[0], batch.Vectors[1]);
        float unrelated = TensorPrimitives.Dot(batch.Vectors[0], batch.Vectors[2]);
        Assert.True(related > unrelated + 0.2f, $"related {related}, unrelated {unrelated}");
    }

    [Fact]
    public void Embed_TheSameTextTwice_GivesTheSameVector()
    {
        var a = fixture.Provider.Embed(["Toy Story"], default).Vectors[0];
        var b = fixture.Provider.Embed(["Toy Story", "Heat"], default).Vectors[0];
        Assert.True(TensorPrimitives.Dot(a, b) > 0.9999f);
    }

    [Fact]
    public void Embed_ALongText_IsCutAndCounted()
    {
        string longText = string.Join(' ', Enumerable.Repeat("the quick brown fox jumps over the lazy dog", 20));
        var batch = fixture.Provider.Embed([longText, "short"], default);
        Assert.Equal(1, batch.Truncated);
        Assert.Equal(384, batch.Vectors[0].Length);
    }

    [Fact]
    public void Truncate_KeepsTheFirstWordPieces()
    {
        var provider = (SentenceEncoderProvider)fixture.Provider;
        string text = "Unbelievable " + string.Join(' ', Enumerable.Repeat("the quick brown fox jumps over the lazy dog", 20));
        string cut = provider.Truncate(text, out bool wasCut);
        Assert.True(wasCut);
        Assert.StartsWith("unbelievable the quick brown fox", cut); // word pieces joined back into words
        Assert.True(cut.Length < text.Length / 2, cut);
        Assert.Equal("short text", provider.Truncate("short text", out bool shortCut));
        Assert.False(shortCut);
    }

    [Fact]
    public void Embed_EmptyText_GivesAUsableVector()
    {
        var v = fixture.Provider.Embed([""], default).Vectors[0];
        Assert.True(TensorPrimitives.Norm(v) > 0.5f);
        Assert.All(v, x => Assert.True(float.IsFinite(x)));
    }

    [Theory]
    [InlineData("The Matrix", true)]
    [InlineData("玩具总动员", false)]
    [InlineData("となりのトトロ", false)]
    [InlineData("기생충", false)]
    [InlineData("Parasite (기생충)", true)]
    [InlineData("Amélie (Le fabuleux destin d'Amélie Poulain)", true)]
    public void Understands_CjkText_IsFalse(string text, bool expected) => Assert.Equal(expected, fixture.Provider.Understands(text));
}

public sealed class EncoderPluginTests
{
    [Fact]
    public void CreateEmbeddingProvider_BadOptions_ListsEveryProblem()
    {
        using var options = JsonDocument.Parse("""{"maxTokens": 2, "threads": 0}""");
        var e = Assert.Throws<ArgumentException>(() => new MiniLmPlugin().CreateEmbeddingProvider(options.RootElement));
        Assert.Contains("maxTokens must be 8 to 512, got 2", e.Message);
        Assert.Contains("threads must be 1 to 256", e.Message);
    }

    [Fact]
    public void CreateStage_IsRefusedSayingWhatThePluginIsFor()
    {
        var e = Assert.Throws<ArgumentException>(() => new ArcticXsPlugin().CreateStage(null, null!));
        Assert.Contains("lucenereco embed --model arctic-xs", e.Message);
    }

    [Fact]
    public void Plugins_NameTheirModels()
    {
        Assert.Equal(("minilm", "all-MiniLM-L6-v2", 384), (new MiniLmPlugin().Name, new MiniLmPlugin().EmbeddingModel, new MiniLmPlugin().EmbeddingDimension));
        Assert.Equal(("arctic-xs", "snowflake-arctic-embed-xs", 384), (new ArcticXsPlugin().Name, new ArcticXsPlugin().EmbeddingModel, new ArcticXsPlugin().EmbeddingDimension));
    }
}
