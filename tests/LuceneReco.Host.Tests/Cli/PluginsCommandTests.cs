using System.Text.Json;
using LuceneReco.Host.Tests.Plugins;

namespace LuceneReco.Host.Tests.Cli;

/// <summary><c>lucenereco plugins list</c> over a temporary plugins folder.</summary>
public sealed class PluginsCommandTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Plugins => _files.PathOf("plugins");

    [Fact]
    public void List_AllLoaded_PrintsATable_AndExitsZero()
    {
        TestPlugin.Install(TestPlugin.OutputOf(TestPlugin.Good), Plugins, "good");
        TestPlugin.Install(TestPlugin.OutputOf(TestPlugin.Hanging), Plugins, "hanging");

        var lines = CliRun.Of("plugins", "list", "--plugins", Plugins).AssertOk().Replace("\r", "").TrimEnd('\n').Split('\n');

        Assert.Matches(@"^name\s+version\s+state\s+sha256\s+provides / error$", lines[0].TrimEnd());
        Assert.Matches(@"^good\s+1\.0\.0\.0\s+loaded\s+[0-9a-f]{12}\s+stage$", lines[1]);
        Assert.StartsWith("hangs ", lines[2]);
        Assert.StartsWith("hangs-hard ", lines[3]);
        Assert.False(Directory.Exists(Path.Combine(Plugins, "good", "data")), "listing must not write to the plugins folder");
    }

    [Fact]
    public void List_WithAFailedPlugin_ShowsTheError_AndExitsOne()
    {
        var broken = TestPlugin.Install(TestPlugin.OutputOf(TestPlugin.Good), Plugins, "broken");
        File.WriteAllText(Path.Combine(broken, "GoodRanker.dll"), "garbage");

        var run = CliRun.Of("plugins", "list", "--plugins", Plugins, "--json");

        Assert.Equal(1, run.ExitCode);
        var row = Assert.Single(JsonDocument.Parse(run.Out).RootElement.EnumerateArray());
        Assert.Equal("broken", row.GetProperty("name").GetString());
        Assert.Equal("failed", row.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("version").ValueKind);
        Assert.Contains("GoodRanker.dll", row.GetProperty("error").GetString());
    }

    [Fact]
    public void List_MissingFolder_IsAUsageError() =>
        Assert.Contains("does not exist", CliRun.Of("plugins", "list", "--plugins", _files.PathOf("nope")).AssertOneLineFailure(2));

    [Fact]
    public void List_EmptyFolder_SaysSo()
    {
        Directory.CreateDirectory(Plugins);
        Assert.StartsWith("no plugins in ", CliRun.Of("plugins", "list", "--plugins", Plugins).AssertOk());
    }

    [Fact]
    public void List_WithoutAFolder_ShowsTheBuiltInPlugins_AndWhatEachProvides()
    {
        var rows = JsonDocument.Parse(CliRun.Of("plugins", "list", "--json").AssertOk()).RootElement.EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r);
        Assert.Equal(new[] { "als", "arctic-xs", "calibration", "coldcontent", "diversity-caps", "dpp", "ease", "exposure", "fair", "features", "itemknn", "learned", "minilm", "mmr", "popular", "userknn" }, rows.Keys.Order(StringComparer.Ordinal));
        var roles = (string name) => rows[name].GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal(["stage", "source", "trainable"], roles("als"));
        Assert.Contains("factors", rows["als"].GetProperty("trainingSettings").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["stage", "command 'fairness'"], roles("fair"));
        Assert.Equal(["stage"], roles("mmr"));
        Assert.Contains("trainable", roles("learned"));
        Assert.Equal(["stage"], roles("features"));
        Assert.Equal(["embeddings 'all-MiniLM-L6-v2'"], roles("minilm"));
    }
}
