using LuceneReco.Host.Offline;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Tests.Cli;
using LuceneReco.Host.Tests.Offline;
using LuceneReco.Index;
using LuceneReco.Index.Vectors;

namespace LuceneReco.Host.Tests.Pipelines.Semantic;

/// <summary>Without usable vectors the semantic sources stay quiet and lexical recall serves; embed reports what it skipped.</summary>
public sealed class SemanticFallbackTests : IDisposable
{
    private readonly RecoData _data = new();

    public void Dispose() => _data.Dispose();

    private OfflinePipeline Open(PipelineDefinition pipeline)
    {
        var events = LuceneReco.Host.Interactions.InteractionFiles.ReadAll(_data.InteractionsFile, DateTimeOffset.UnixEpoch);
        return OfflinePipeline.Open(_data.Index, "p", pipeline, events, new TrainingSettings(), dataRoot: null, pluginsDirectory: null, TimeProvider.System, progress: null);
    }

    private static readonly PipelineDefinition Mixed = new()
    {
        Recall =
        [
            new RecallStep { Source = "profile", Size = 50 },
            new RecallStep { Source = "semantic-profile", Size = 50 },
            new RecallStep { Source = "semantic-similar", Size = 50 },
        ],
    };

    [Fact]
    public async Task IndexWithoutVectors_SemanticSourcesAddNothing_LexicalServes()
    {
        using var offline = Open(Mixed);
        var result = await offline.Runner.RunAsync(new PipelineRequest { Kind = RequestKind.Recommend, UserId = "u00", K = 10, Offline = true });
        Assert.Empty(result.SkippedStages);
        Assert.Equal(10, result.Items.Count);
        Assert.All(result.Items, c => Assert.False(c.StageScores.ContainsKey("semantic-profile")));
    }

    [Fact]
    public async Task DamagedVectorsFile_RecallFallsBackToLexical_AndTheCheckerNamesTheFile()
    {
        using (var writer = IndexWriter.Open(_data.Index))
        {
            var space = new VectorSpace("test", 3);
            using var reader = writer.GetReader();
            for (int doc = 0; doc < reader.MaxDoc; doc++)
                writer.SetVector(reader.IdOf(doc), space, reader.IdOf(doc).StartsWith('s') ? [1f, 0.1f * doc, 0] : [0, 0.1f * doc, 1f]);
            writer.Commit();
        }
        string vec = Directory.GetFiles(_data.Index, "*.vec").Single();
        var bytes = File.ReadAllBytes(vec);
        bytes[bytes.Length - 20] ^= 0x77;
        File.WriteAllBytes(vec, bytes);

        using var offline = Open(Mixed);
        var result = await offline.Runner.RunAsync(new PipelineRequest { Kind = RequestKind.Recommend, UserId = "u00", K = 10, Offline = true });
        Assert.Equal(10, result.Items.Count);
        Assert.All(result.Items, c => Assert.True(c.StageScores.ContainsKey("profile") && !c.StageScores.ContainsKey("semantic-profile")));
        string check = CliRun.Of("index", "check", "--index", _data.Index) is var run ? run.Out + run.Error : "";
        Assert.Contains(Path.GetFileName(vec), check);
    }

    [Fact]
    public void Embed_IsIncremental_AndSaysWhatItSkipped()
    {
        var items = _data.Files.Write("few.tsv", "id\ttitle\tbody\nm1\tThe space station\tAstronauts repair it\nm2\t红楼梦\t一部中国古典小说\nm3\tBread and soup\tA winter kitchen\n");
        string index = _data.Files.PathOf("few");
        CliRun.Of("index", "build", "--index", index, "--items", items).AssertOk();

        string first = CliRun.Of("embed", "--index", index).AssertOk();
        Assert.StartsWith("embedded 2 items with 'all-MiniLM-L6-v2'", first);
        Assert.Contains("skipped 1 item in Chinese, Japanese or Korean", first);

        Assert.StartsWith("embedded 0 items", CliRun.Of("embed", "--index", index).AssertOk()); // nothing new

        var update = _data.Files.Write("update.tsv", "id\ttitle\tbody\nm3\tBread, soup and pies\tA winter kitchen\nm4\tComets\tIce in orbit\n");
        CliRun.Of("index", "add", "--index", index, "--items", update).AssertOk();
        string again = CliRun.Of("embed", "--index", index).AssertOk();
        Assert.Contains("embedded 2 items", again); // the updated item lost its vector, the added one never had one
        Assert.Contains("1 already had a vector", again);
        using var reader = IndexReader.Open(index);
        Assert.Equal(3, reader.VectorCount);
    }

    [Fact]
    public void Embed_AnotherModel_IsRefusedUnlessReplace()
    {
        using (var writer = IndexWriter.Open(_data.Index))
        {
            writer.SetVector("s00", new VectorSpace("someone-elses-model", 384), Enumerable.Repeat(1f, 384).ToArray());
            writer.Commit();
        }
        string refused = CliRun.Of("embed", "--index", _data.Index).AssertOneLineFailure(2);
        Assert.Contains("'someone-elses-model' (384 dimensions)", refused);
        Assert.Contains("--replace", refused);
    }

    [Fact]
    public void Embed_UnknownModel_NamesTheEmbeddingPlugins() =>
        Assert.Contains("embedding plugins: arctic-xs, minilm", CliRun.Of("embed", "--index", _data.Index, "--model", "nope").AssertOneLineFailure(2));
}
