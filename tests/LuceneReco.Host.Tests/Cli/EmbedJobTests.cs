using LuceneReco.Host.Cli;
using LuceneReco.Index;
using LuceneReco.Index.Documents;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Cli;

/// <summary>The embedding job with a stand-in encoder: batches, commits as it goes, resumes after a failure, skips what it cannot embed.</summary>
public sealed class EmbedJobTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Vectors from the text's length and first letter; throws on the call numbered <see cref="FailOnCall"/>.</summary>
    private sealed class StandInEncoder : IEmbeddingProvider
    {
        public int Calls { get; private set; }
        public int? FailOnCall { get; init; }
        public List<int> BatchSizes { get; } = new();
        public string Model => "stand-in";
        public int Dimension => 3;
        public int MaxTokens => 64;
        public bool Understands(string text) => !text.Contains('中');

        public EmbeddingBatch Embed(IReadOnlyList<string> texts, CancellationToken cancellation)
        {
            if (++Calls == FailOnCall) throw new IOException("the encoder died");
            BatchSizes.Add(texts.Count);
            return new EmbeddingBatch(texts.Select(t => new float[] { t.Length, t[0], 1 }).ToArray(), texts.Count(t => t.Length > MaxTokens));
        }

        public void Dispose() { }
    }

    private string BuildIndex(int items)
    {
        string dir = _files.PathOf("index");
        var schema = new IndexSchema([new FieldDefinition("title", FieldKind.Text) { Analyzer = "standard" }, new FieldDefinition("body", FieldKind.Text) { Analyzer = "standard" }]);
        using var writer = IndexWriter.Open(dir, new IndexWriterOptions { Schema = schema });
        for (int i = 0; i < items; i++)
        {
            var doc = new Document($"i{i}");
            if (i % 10 != 9) doc.Add("title", i == 4 ? "中文标题" : $"Item {i}").Add("body", new string('x', i));
            writer.Add(doc);
        }
        writer.Commit();
        return dir;
    }

    [Fact]
    public void Run_EmbedsInBatches_SkipsCjkAndEmptyItems()
    {
        string dir = BuildIndex(40);
        var encoder = new StandInEncoder();
        EmbedOutcome outcome;
        using (var writer = IndexWriter.Open(dir))
            outcome = new EmbedJob { Writer = writer, Provider = encoder, Fields = ["title", "body"], BatchSize = 8 }.Run();
        Assert.Equal(new EmbedOutcome(Embedded: 35, AlreadyHad: 0, SkippedCjk: 1, NoText: 4, Truncated: 0, Commits: 1), outcome);
        Assert.Equal([8, 8, 8, 8, 3], encoder.BatchSizes);
        using var reader = IndexReader.Open(dir);
        Assert.Equal(35, reader.VectorCount);
        Assert.False(reader.HasVector(reader.DocOf("i4")));
    }

    [Fact]
    public void Run_FailingHalfway_KeepsWhatWasCommitted_AndTheRerunDoesTheRest()
    {
        string dir = BuildIndex(40);
        using (var writer = IndexWriter.Open(dir))
        {
            var job = new EmbedJob { Writer = writer, Provider = new StandInEncoder { FailOnCall = 4 }, Fields = ["title"], BatchSize = 5, CommitEvery = TimeSpan.Zero };
            Assert.Throws<IOException>(() => job.Run());
        } // disposed without a final commit, as a killed process would leave it
        using (var reader = IndexReader.Open(dir)) Assert.Equal(15, reader.VectorCount); // three batches, each committed

        var encoder = new StandInEncoder();
        EmbedOutcome outcome;
        using (var writer = IndexWriter.Open(dir))
            outcome = new EmbedJob { Writer = writer, Provider = encoder, Fields = ["title"], BatchSize = 5 }.Run();
        Assert.Equal(15, outcome.AlreadyHad);
        Assert.Equal(35 - 15, outcome.Embedded);
        using (var reader = IndexReader.Open(dir)) Assert.Equal(35, reader.VectorCount);
    }

    [Fact]
    public void Run_AnIndexOfAnotherModel_IsRefused()
    {
        string dir = BuildIndex(3);
        using var writer = IndexWriter.Open(dir);
        writer.SetVector("i0", new LuceneReco.Index.Vectors.VectorSpace("other", 3), [1, 0, 0]);
        var e = Assert.Throws<ArgumentException>(() => new EmbedJob { Writer = writer, Provider = new StandInEncoder(), Fields = ["title"] }.Run());
        Assert.Contains("'other' (3 dimensions)", e.Message);
    }
}
