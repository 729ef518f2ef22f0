using LuceneReco.Host.FeatureLog;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Tests.FeatureLog;

/// <summary>The feature log in a real SQLite file: what goes in comes back, missing stays missing, and the oldest lists are dropped.</summary>
public sealed class SqliteFeatureLogTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    internal static ServedList List(string request, string? user, DateTimeOffset at, int randomised, params (string Item, Dictionary<string, double> Features)[] items) =>
        new(request, "default", user, at, randomised, [.. items.Select((x, i) => new ServedItem(x.Item, i + 1, 10 - i, x.Features))]);

    [Fact]
    public void EraseEverywhere_ALogWhoseFolderWasRemoved_IsForgotten_AndTheOthersAreErased()
    {
        string gone = _files.PathOf("gone");
        Directory.CreateDirectory(gone);
        SqliteFeatureLog.For(new FeatureLogSettings { Path = Path.Combine(gone, "served.db") }).Append(List("r1", "u-gone-7", T0, 0, ("a", new())));
        var kept = new FeatureLogSettings { Path = _files.PathOf("kept.db") };
        SqliteFeatureLog.For(kept).Append(List("r2", "u-gone-7", T0, 0, ("b", new())));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(gone, recursive: true); // as a test's or an operator's clean-up would

        int erased = SqliteFeatureLog.EraseEverywhere("u-gone-7", [kept]);

        Assert.True(erased >= 1, $"erased {erased}");
        Assert.DoesNotContain(SqliteFeatureLog.OpenFile(kept.Path).ReadAll(), l => l.UserId == "u-gone-7");
        Assert.False(Directory.Exists(gone)); // not recreated
    }

    [Fact]
    public void OpenFile_InAFolderThatDoesNotExist_CreatesTheFolder()
    {
        string path = Path.Combine(_files.PathOf("logs"), "deeper", "served.db");

        SqliteFeatureLog.OpenFile(path).Append(List("r1", "u1", T0, 0, ("a", new())));

        Assert.Single(SqliteFeatureLog.OpenFile(path).ReadAll());
    }

    [Fact]
    public void AppendThenReadAll_RoundTripsListsItemsAndFeatures_InOrder()
    {
        string path = _files.PathOf("served.db");
        var log = SqliteFeatureLog.OpenFile(path);
        log.Append(List("r1", "u1", T0, 0, ("a", new() { ["bm25.title"] = 1.5, ["pop.count"] = 0 }), ("b", new() { ["pop.count"] = 3 })));
        log.Append(List("r2", null, T0.AddMinutes(1), 5, ("c", new() { ["nan"] = double.NaN })));

        var read = SqliteFeatureLog.OpenFile(path).ReadAll(); // a second instance over the same file
        Assert.Equal(2, read.Count);
        Assert.Equal("r1", read[0].RequestId);
        Assert.Equal("u1", read[0].UserId);
        Assert.Equal(T0, read[0].ServedAt);
        Assert.Equal(["a", "b"], read[0].Items.Select(i => i.ItemId));
        Assert.Equal([1, 2], read[0].Items.Select(i => i.Position));
        Assert.Equal(1.5, read[0].Items[0].Features["bm25.title"]);
        Assert.Equal(0, read[0].Items[0].Features["pop.count"]); // a real 0 stays 0
        Assert.False(read[0].Items[1].Features.ContainsKey("bm25.title")); // missing stays missing
        Assert.Null(read[1].UserId);
        Assert.Equal(5, read[1].RandomisedTop);
        Assert.Empty(read[1].Items[0].Features); // NaN is stored as missing
    }

    [Fact]
    public void Append_BeyondMaxLists_DropsTheOldest()
    {
        var log = SqliteFeatureLog.OpenFile(_files.PathOf("bounded.db"), maxLists: 3);
        for (int i = 0; i < 7; i++) log.Append(List($"r{i}", "u", T0.AddMinutes(i), 0, ("a", new()), ("b", new())));
        Assert.Equal(3, log.Count);
        Assert.Equal(["r4", "r5", "r6"], log.ReadAll().Select(l => l.RequestId));
        Assert.All(log.ReadAll(), l => Assert.Equal(2, l.Items.Count));
    }

    [Fact]
    public void OpenFile_NotASqliteFile_ThrowsNamingTheFile()
    {
        string path = _files.PathOf("junk.db");
        File.WriteAllText(path, "this is not a database, it is a sentence long enough to be read as a header");
        var e = Assert.Throws<FeatureLogException>(() => SqliteFeatureLog.OpenFile(path));
        Assert.Contains(path, e.Message);
    }
}
