using System.Text.Json;

namespace LuceneReco.Host.Tests.Cli;

/// <summary><c>lucenereco users profile</c> over the sample catalogue and interactions.</summary>
public sealed class UsersProfileCommandTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly string _index;
    private readonly string _store;

    public UsersProfileCommandTests()
    {
        _index = _files.PathOf("index");
        _store = _files.PathOf("events.db");
        CliRun.Of("index", "build", "--index", _index, "--items", TestFiles.Sample("catalogue.tsv")).AssertOk();
        CliRun.Of("interactions", "import", "--store", _store, "--file", TestFiles.Sample("interactions.tsv"), "--kind", "rating").AssertOk();
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public void UsersProfile_KnownUser_PrintsTheSummaryAndEachSectionWithShares()
    {
        string text = CliRun.Of("users", "profile", "--index", _index, "--store", _store, "--user", "u05", "--max", "3").AssertOk();
        var lines = text.Split('\n');
        Assert.StartsWith("Recommendations for u05 lean on the words ", lines[0]);
        Assert.Contains("words:", lines);
        Assert.Contains("categories:", lines);
        Assert.Contains("items:", lines);
        Assert.Matches(@"(?m)^\s+\d+\.\d %  ""[^""]+""\s+(title|body)", text); // a share and a quoted word
        Assert.Matches(@"(?m)^\s+\d+\.\d %  \S.*rating, 20\d\d-\d\d-\d\d \d\d:\d\d UTC$", text); // an item by title, its kind and time
    }

    [Fact]
    public void UsersProfile_Json_IsWhatTheHttpApiAnswers()
    {
        string json = CliRun.Of("users", "profile", "--index", _index, "--store", _store, "--user", "u05", "--json").AssertOk();
        var profile = JsonDocument.Parse(json).RootElement;
        Assert.Equal("u05", profile.GetProperty("userId").GetString());
        Assert.InRange(profile.GetProperty("terms").GetArrayLength(), 1, 10);
        Assert.True(profile.GetProperty("items").EnumerateArray().All(i => i.GetProperty("title").GetString()!.Length > 0));
    }

    [Fact]
    public void UsersProfile_UnknownUser_FailsWithOneLine() =>
        Assert.Equal("lucenereco: no events of user 'nobody' in events.db",
            CliRun.Of("users", "profile", "--index", _index, "--store", _store, "--user", "nobody").AssertOneLineFailure(2));

    [Fact]
    public void UsersProfile_MaxOutOfRange_FailsWithOneLine() =>
        Assert.Equal("lucenereco: --max must be 1 to 100, got 0",
            CliRun.Of("users", "profile", "--index", _index, "--store", _store, "--user", "u05", "--max", "0").AssertOneLineFailure(2));
}
