using LuceneReco.Index.LuceneNet.Tests.Backends;

namespace LuceneReco.Index.LuceneNet.Tests;

/// <summary><c>index check</c> on the Lucene.Net backend: Lucene.Net's CheckIndex over the last commit, and the schema file.</summary>
public sealed class LuceneNetIndexCheckerTests : IDisposable
{
    private readonly TempDir _temp = new();

    private string BuildIndex()
    {
        string dir = _temp.Sub("i");
        using var index = LuceneNetRecallIndex.Open(dir, TestCorpus.Schema);
        foreach (var d in new TestCorpus(7, 300).Items) index.Add(d);
        index.Commit();
        return dir;
    }

    [Fact]
    public void Check_IntactIndex_ReportsNoProblem()
    {
        string dir = BuildIndex();
        var log = new StringWriter();
        var checks = LuceneNetIndexChecker.Check(dir, log);
        Assert.Contains(checks, c => c.File == LuceneNetSchema.FileName);
        Assert.Contains(checks, c => c.File.StartsWith("segment ", StringComparison.Ordinal));
        Assert.All(checks, c => Assert.Null(c.Problem));
        Assert.Contains("No problems were detected", log.ToString());
    }

    [Fact]
    public void Check_DamagedSegmentFile_ReportsTheSegment()
    {
        string dir = BuildIndex();
        // the largest file of the segment (compound or stored fields): overwrite bytes in its middle
        var file = new DirectoryInfo(dir).GetFiles().Where(f => !f.Name.StartsWith("segments", StringComparison.Ordinal) && f.Name != LuceneNetSchema.FileName)
            .OrderByDescending(f => f.Length).First();
        using (var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Write))
        {
            stream.Position = file.Length / 2;
            stream.Write(new byte[Math.Min(64, file.Length / 4)]);
        }
        var checks = LuceneNetIndexChecker.Check(dir);
        Assert.Contains(checks, c => c.Problem is not null);
    }

    [Fact]
    public void Check_DamagedSchemaFile_ReportsIt()
    {
        string dir = BuildIndex();
        File.WriteAllText(Path.Combine(dir, LuceneNetSchema.FileName), "{\"fields\": [ {\"name\": 3");
        var schema = Assert.Single(LuceneNetIndexChecker.Check(dir), c => c.File == LuceneNetSchema.FileName);
        Assert.Contains("malformed", schema.Problem);
    }

    [Fact]
    public void Open_ExistingIndexWithOtherSchema_Throws()
    {
        string dir = BuildIndex();
        var other = new Documents.IndexSchema([new Documents.FieldDefinition("title", Documents.FieldKind.Text)]);
        Assert.Throws<ArgumentException>(() => LuceneNetRecallIndex.Open(dir, other));
        using var reopened = LuceneNetRecallIndex.Open(dir);
        using var view = reopened.Acquire();
        Assert.Equal(300, view.NumDocs);
        Assert.True(LuceneNetRecallIndex.IsLuceneNetIndex(dir));
    }

    public void Dispose() => _temp.Dispose();
}
