using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Host.Interactions;
using LuceneReco.Index;
using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary><c>newest</c>: items by a date field the step names (or the order the index took them in), filtered like every source.</summary>
public sealed class NewestSourceTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly IndexReader _reader;

    public NewestSourceTests()
    {
        string dir = _files.PathOf("index");
        var schema = new IndexSchema([new FieldDefinition("title", FieldKind.Text), new FieldDefinition("added", FieldKind.Numeric), new FieldDefinition("category", FieldKind.Keyword)]);
        using (var writer = IndexWriter.Open(dir, new IndexWriterOptions { Schema = schema }))
        {
            // added out of index order: n3 is the newest by date, n5 came into the index last
            (string Id, double? Added, string Category)[] items = [("n1", 100, "books"), ("n2", 300, "films"), ("n3", 500, "books"), ("n4", null, "books"), ("n5", 200, "books")];
            foreach (var (id, added, category) in items)
            {
                var doc = new Document(id).Add("title", "item " + id).Add("category", category);
                if (added is { } a) doc.Add("added", a);
                writer.Add(doc);
            }
            writer.Commit();
        }
        _reader = IndexReader.Open(dir);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _files.Dispose();
    }

    private async Task<List<string>> Run(string? field, params string[] filters)
    {
        var config = ServingConfig.BuiltIn with
        {
            Pipelines = new Dictionary<string, PipelineDefinition>
            {
                ["default"] = new() { Recall = [new RecallStep { Source = "newest", Size = 10, Field = field }], Fusion = "rrf" },
            },
            RecommendPipeline = null,
        };
        using var host = new ServingHost(new FixedIndexView(_reader), new InMemoryInteractionStore(), new FakeCatalog(), ServingConfigSource.Fixed(config), TimeProvider.System, _files.PathOf("data"), _ => { });
        var result = await host.Runner.RunAsync(new PipelineRequest { UserId = "anyone", K = 10, Filters = filters });
        return result.Items.Select(c => c.ItemId).ToList();
    }

    [Fact]
    public async Task ByADateField_NewestFirst_LeavingOutItemsWithoutADate() => Assert.Equal(["n3", "n2", "n5", "n1"], await Run("added"));

    [Fact]
    public async Task WithoutAField_TheItemsTheIndexTookInLast_First() => Assert.Equal(["n5", "n4", "n3", "n2", "n1"], await Run(null));

    [Fact]
    public async Task AFilter_KeepsExactlyTheUnfilteredHitsThatPass() => Assert.Equal(["n3", "n5", "n1"], await Run("added", "category=books"));

    [Fact]
    public async Task AFieldThatIsNotNumeric_IsSkippedAndSaysWhy()
    {
        var config = ServingConfig.BuiltIn with
        {
            Pipelines = new Dictionary<string, PipelineDefinition> { ["default"] = new() { Recall = [new RecallStep { Source = "newest", Field = "title" }], Fusion = "rrf" } },
            RecommendPipeline = null,
        };
        using var host = new ServingHost(new FixedIndexView(_reader), new InMemoryInteractionStore(), new FakeCatalog(), ServingConfigSource.Fixed(config), TimeProvider.System, _files.PathOf("data"), _ => { });
        var result = await host.Runner.RunAsync(new PipelineRequest { UserId = "anyone", K = 10 });
        Assert.Contains(result.SkippedStages, s => s.Stage == "newest" && s.Reason.Contains("'title' is not a numeric field", StringComparison.Ordinal));
    }
}
