using System.Text.Json;
using System.Text.RegularExpressions;
using LuceneReco.Index;

namespace LuceneReco.Host.Tests.Cli;

/// <summary>The index commands run in-process against real indexes in a temporary directory.</summary>
public sealed class IndexCommandsEndToEndTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly string _index;

    public IndexCommandsEndToEndTests() => _index = _files.PathOf("index");

    public void Dispose() => _files.Dispose();

    private CliRun BuildSample(params string[] extra) =>
        CliRun.Of(["index", "build", "--index", _index, "--items", TestFiles.Sample("catalogue.tsv"), .. extra]);

    private static string[] Values(LuceneReco.Index.Documents.Document d, string field) =>
        d.Strings.Where(s => s.Field == field).Select(s => s.Value).ToArray();

    /// <summary>Everything in the temp directory besides the given entries (to catch leftover staging directories).</summary>
    private string[] Leftovers(params string[] expected) =>
        Directory.EnumerateFileSystemEntries(_files.Root).Select(Path.GetFileName).Except(expected).ToArray()!;

    [Fact]
    public void Build_TheSample_IndexesEveryItem_AndPrintsOneSummaryLine()
    {
        var output = BuildSample().AssertOk();
        Assert.Matches(@"^indexed 200 items in \d+\.\d+ s \([\d,]+ items/s\), [\d.]+ (kB|MB) on disk, \d+ segments?\n$", output.Replace("\r", ""));

        using var reader = IndexReader.Open(_index);
        Assert.Equal(200, reader.NumDocs);
        var quietOrbit = reader.Stored(reader.DocOf("b001"));
        Assert.Equal(["The Quiet Orbit"], Values(quietOrbit, "title"));
        Assert.Equal(["books"], Values(quietOrbit, "category"));
        Assert.Equal(["science-fiction", "space", "engineering"], Values(quietOrbit, "tags"));
        Assert.Empty(Leftovers("index"));
    }

    [Fact]
    public void Build_IntoAnExistingIndex_IsRefused_UnlessOverwrite()
    {
        BuildSample().AssertOk();
        var line = BuildSample().AssertOneLineFailure(2);
        Assert.Contains("already holds an index (200 documents)", line);
        Assert.Contains("--overwrite", line);

        var items = _files.Write("three.tsv", "id\ttitle\na\tAlpha\nb\tBeta\nc\tGamma\n");
        CliRun.Of("index", "build", "--index", _index, "--items", items, "--overwrite").AssertOk();
        using var reader = IndexReader.Open(_index);
        Assert.Equal(3, reader.NumDocs);
        Assert.Equal(["title"], reader.Schema.Fields.Select(f => f.Name));
        Assert.Empty(Leftovers("index", "three.tsv"));
    }

    [Fact]
    public void Build_IntoANonEmptyDirectoryWithoutAnIndex_IsRefused_EvenWithOverwrite()
    {
        Directory.CreateDirectory(_index);
        File.WriteAllText(Path.Combine(_index, "notes.txt"), "precious");
        var line = BuildSample("--overwrite").AssertOneLineFailure(2);
        Assert.Contains("holds no index", line);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(_index, "notes.txt")));
    }

    [Fact]
    public void Build_IntoAnEmptyDirectory_Works()
    {
        Directory.CreateDirectory(_index);
        BuildSample().AssertOk();
        using var reader = IndexReader.Open(_index);
        Assert.Equal(200, reader.NumDocs);
    }

    [Fact]
    public void Build_BadLineWithoutSkipBad_ExitsTwo_AndLeavesNoDirectory()
    {
        var items = _files.Write("items.tsv", "id\ttitle\tbody\na\tAlpha\tfirst\nb\tBeta\nc\tGamma\tthird\n");
        var index = Path.Combine(_files.Root, "deep", "er", "index");
        var line = CliRun.Of("index", "build", "--index", index, "--items", items).AssertOneLineFailure(2);
        Assert.Equal("lucenereco: items.tsv:3: expected 3 tab-separated columns, got 2 (nothing was indexed; --skip-bad skips bad lines)", line);
        Assert.Empty(Leftovers("items.tsv"));
    }

    [Fact]
    public void Build_BadLineWithOverwrite_KeepsTheOldIndexUntouched()
    {
        BuildSample().AssertOk();
        long generation;
        using (var before = IndexReader.Open(_index)) generation = before.Stats.Generation;
        var items = _files.Write("items.tsv", "id\ttitle\na\tAlpha\na\tAgain\n");
        var line = CliRun.Of("index", "build", "--index", _index, "--items", items, "--overwrite").AssertOneLineFailure(2);
        Assert.Contains("items.tsv:3: duplicate id 'a' (first on line 2)", line);
        using var after = IndexReader.Open(_index);
        Assert.Equal(200, after.NumDocs);
        Assert.Equal(generation, after.Stats.Generation);
        Assert.Empty(Leftovers("index", "items.tsv"));
    }

    [Fact]
    public void Build_SkipBad_ReportsTheFirstTwentyBadLinesAndACount_AndIndexesTheRest()
    {
        var lines = new List<string> { "id\ttitle\tbody" };
        for (int i = 0; i < 30; i++) lines.Add($"good{i}\tTitle {i}\tBody {i}");
        for (int i = 0; i < 25; i++) lines.Add($"bad{i}\tno body");
        var items = _files.Write("items.tsv", string.Join("\n", lines) + "\n");

        var run = CliRun.Of("index", "build", "--index", _index, "--items", items, "--skip-bad");
        var output = run.AssertOk();
        Assert.Contains("indexed 30 items", output);
        Assert.Contains("; skipped 25 bad lines", output);
        var errors = run.ErrorLines;
        Assert.Equal(21, errors.Length);
        Assert.Equal("skipped items.tsv:32: expected 3 tab-separated columns, got 2", errors[0]);
        Assert.Equal("skipped 5 more bad lines (25 in all)", errors[^1]);
        using var reader = IndexReader.Open(_index);
        Assert.Equal(30, reader.NumDocs);
    }

    [Fact]
    public void Build_WithASchemaFile_IndexesNumbers()
    {
        var schema = _files.Write("schema.json", """{"fields":[{"name":"title","kind":"text"},{"name":"year","kind":"numeric"}]}""");
        var items = _files.Write("items.jsonl", """
            {"id": 1, "title": "Old", "year": 1969}
            {"id": 2, "title": "New", "year": "2024"}
            """);
        CliRun.Of("index", "build", "--index", _index, "--items", items, "--schema", schema).AssertOk();
        using var reader = IndexReader.Open(_index);
        Assert.Equal([("year", 1969.0)], reader.Stored(reader.DocOf("1")).Numbers);
        Assert.Equal([("year", 2024.0)], reader.Stored(reader.DocOf("2")).Numbers);
    }

    [Fact]
    public void Stats_Text_ShowsFiguresAndFields()
    {
        BuildSample().AssertOk();
        var output = CliRun.Of("index", "stats", "--index", _index).AssertOk();
        Assert.Matches(new Regex(@"^backend\s+native$", RegexOptions.Multiline), output.Replace("\r", ""));
        Assert.Matches(new Regex(@"^documents\s+200$", RegexOptions.Multiline), output.Replace("\r", ""));
        Assert.Matches(new Regex(@"^deleted\s+0$", RegexOptions.Multiline), output.Replace("\r", ""));
        Assert.Matches(new Regex(@"^\s+tags\s+keyword\s+separator ',', stored$", RegexOptions.Multiline), output.Replace("\r", ""));
        Assert.Matches(new Regex(@"^\s+title\s+text\s+analyzer english, term vectors, stored$", RegexOptions.Multiline), output.Replace("\r", ""));
    }

    [Fact]
    public void Stats_Json_MatchesTheReader()
    {
        BuildSample().AssertOk();
        var output = CliRun.Of("index", "stats", "--index", _index, "--json").AssertOk();
        using var json = JsonDocument.Parse(output);
        using var reader = IndexReader.Open(_index);
        var root = json.RootElement;
        Assert.Equal(reader.Stats.Documents, root.GetProperty("documents").GetInt32());
        Assert.Equal(reader.Stats.Segments, root.GetProperty("segments").GetInt32());
        Assert.Equal(reader.Stats.Bytes, root.GetProperty("bytes").GetInt64());
        Assert.Equal(reader.Stats.Generation, root.GetProperty("generation").GetInt64());
        Assert.Equal(["title", "body", "category", "provider", "tags"],
            root.GetProperty("schema").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
    }

    [Fact]
    public void Add_UpsertsJsonLines_CountingAddedAndReplaced()
    {
        BuildSample().AssertOk();
        var output = CliRun.Of("index", "add", "--index", _index, "--items", TestFiles.Sample("catalogue.jsonl")).AssertOk();
        Assert.StartsWith("added 3 items, replaced 1 in ", output);
        Assert.Contains("the index has 203 documents", output);
        using var reader = IndexReader.Open(_index);
        Assert.Equal(203, reader.NumDocs);
        var sqlite = reader.Stored(reader.DocOf("s014"));
        Assert.Contains("FTS5", Values(sqlite, "body").Single());
        Assert.Contains("full-text", Values(sqlite, "tags"));
        Assert.NotEqual(-1, reader.DocOf("s071"));
    }

    [Fact]
    public void Add_BadLineWithoutSkipBad_ChangesNothing()
    {
        BuildSample().AssertOk();
        var items = _files.Write("more.jsonl", """
            {"id": "new1", "title": "Fine"}
            {"id": "b001", "colour": "red"}
            """);
        var line = CliRun.Of("index", "add", "--index", _index, "--items", items).AssertOneLineFailure(2);
        Assert.Equal("lucenereco: more.jsonl:2: field 'colour' is not in the schema (nothing was changed; --skip-bad skips bad lines)", line);
        using var reader = IndexReader.Open(_index);
        Assert.Equal(200, reader.NumDocs);
        Assert.Equal(-1, reader.DocOf("new1"));
    }

    [Fact]
    public void Add_TsvColumnsUnknownToTheIndex_AreRefusedUpFront()
    {
        BuildSample().AssertOk();
        var items = _files.Write("more.tsv", "id\ttitle\tprice\nx\tX\t3\n");
        var line = CliRun.Of("index", "add", "--index", _index, "--items", items).AssertOneLineFailure(2);
        Assert.Contains("more.tsv:1: column 'price' not in the schema", line);
    }

    [Fact]
    public void Delete_ByIds_ByIdsFile_AndByKeyword()
    {
        BuildSample().AssertOk();
        var output = CliRun.Of("index", "delete", "--index", _index, "--id", "b001", "--id", "f001", "--id", "nope").AssertOk();
        Assert.Equal("deleted 2 documents (1 id not found); the index has 198 documents", output.Trim());

        var ids = _files.Write("ids.txt", "b002\n\n  b003  \n");
        output = CliRun.Of("index", "delete", "--index", _index, "--ids-file", ids).AssertOk();
        Assert.Equal("deleted 2 documents; the index has 196 documents", output.Trim());

        output = CliRun.Of("index", "delete", "--index", _index, "--keyword", "category=software").AssertOk();
        Assert.Equal("deleted 70 documents; the index has 126 documents", output.Trim());

        using var reader = IndexReader.Open(_index);
        Assert.Equal(126, reader.NumDocs);
        Assert.Equal(-1, reader.DocOf("b001"));
        Assert.Equal(-1, reader.DocOf("s001"));
        Assert.NotEqual(-1, reader.DocOf("b004"));
    }

    [Fact]
    public void Delete_ByAFieldThatIsNotKeyword_ExitsTwo()
    {
        BuildSample().AssertOk();
        var line = CliRun.Of("index", "delete", "--index", _index, "--keyword", "title=Rope and Rock").AssertOneLineFailure(2);
        Assert.Contains("'title' is not a keyword field of the index (keyword fields: category, provider, tags)", line);
    }

    [Fact]
    public void Check_AGoodIndex_ListsEveryFileOk_AndExitsZero()
    {
        BuildSample().AssertOk();
        var output = CliRun.Of("index", "check", "--index", _index).AssertOk().Replace("\r", "");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines[..^1], l => Assert.StartsWith("OK ", l));
        Assert.StartsWith($"index OK: {lines.Length - 1} files, ", lines[^1]);
    }

    [Fact]
    public void Check_ADamagedFile_IsNamed_AndExitsOne()
    {
        BuildSample().AssertOk();
        var victim = Directory.GetFiles(_index, "*.fdt").First();
        var bytes = File.ReadAllBytes(victim);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(victim, bytes);

        var run = CliRun.Of("index", "check", "--index", _index);
        var line = run.AssertOneLineFailure(1);
        Assert.StartsWith($"lucenereco: index damaged: {Path.GetFileName(victim)} (1 of ", line);
        Assert.Contains(run.Out.Split('\n'), l => l.StartsWith("DAMAGED", StringComparison.Ordinal) && l.Contains(Path.GetFileName(victim)));
    }

    [Fact]
    public void Add_ToALockedIndex_ExitsOne_WithOneLine()
    {
        BuildSample().AssertOk();
        using var writer = IndexWriter.Open(_index);
        var items = _files.Write("one.tsv", "id\ttitle\nx\tX\n");
        var line = CliRun.Of("index", "add", "--index", _index, "--items", items).AssertOneLineFailure(1);
        Assert.Contains("locked", line);
    }
}
