using LuceneReco.Host.Serving;
using LuceneReco.Host.Tests.Pipelines;
using LuceneReco.Index;
using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Tests.Durability;

/// <summary>
/// Group commit on a real index folder: concurrent upserts share commits (fewer commits than batches), and every batch is
/// in the last commit on disk (a fresh reader of the folder) by the time its call returns.
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Upsert_ConcurrentWriters_ShareCommits_AndEachIsDurableWhenItReturns()
    {
        string dir = _files.PathOf("index");
        SampleIndex.Build(dir);
        using var service = IndexService.Open(dir);
        const int Writers = 32, BatchesEach = 8;
        var notDurable = new System.Collections.Concurrent.ConcurrentBag<string>();
        var tasks = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (int b = 0; b < BatchesEach; b++)
            {
                string id = $"gc-{w}-{b}";
                await service.UpsertAsync([Item(id), Item(id + "-pair")]);
                using var disk = OpenLatest(dir); // the newest commit on disk, not the writer's memory
                if (!Has(disk, id) || !Has(disk, id + "-pair")) notDurable.Add(id);
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        Assert.True(notDurable.IsEmpty, $"returned before its commit: {string.Join(", ", notDurable)}");
        Assert.Equal(Writers * BatchesEach, service.Batches);
        Assert.True(service.Commits < service.Batches, $"{service.Commits} commits for {service.Batches} batches: none were shared");
        Assert.Equal(200 + 2 * Writers * BatchesEach, service.Reader.NumDocs);
        Assert.Null(service.WriteError);
    }

    [Fact]
    public void Upsert_InvalidDocument_WritesNothing()
    {
        string dir = _files.PathOf("index");
        SampleIndex.Build(dir);
        using var service = IndexService.Open(dir);
        var bad = new Document("bad-1");
        bad.Add("no-such-field", "x");

        Assert.ThrowsAny<ArgumentException>(() => service.Upsert([Item("good-1"), bad]));

        Assert.Equal(0, service.Batches);
        service.Upsert([Item("good-2")]);
        using var disk = IndexReader.Open(dir);
        Assert.False(Has(disk, "good-1")); // the rejected batch's valid half is never committed by a later one
        Assert.True(Has(disk, "good-2"));
    }

    private static Document Item(string id)
    {
        var d = new Document(id);
        d.Add("title", "group commit " + id);
        return d;
    }

    /// <summary>
    /// Opens the newest commit. IndexReader.Open retries when the writer's next commit deleted a file meanwhile; this
    /// bounded loop on top keeps the test from failing where a machine so loaded lets the writer commit 20 times during one open.
    /// </summary>
    private static IndexReader OpenLatest(string dir)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return IndexReader.Open(dir);
            }
            catch (LuceneReco.Index.Store.CorruptIndexException e) when (e.IsMissingFile && attempt < 50)
            {
                Thread.Sleep(5);
            }
        }
    }

    private static bool Has(IndexReader reader, string id) => reader.DocOf(id) >= 0;
}
