using LuceneReco.Host.Tests.Cli;

namespace LuceneReco.Host.Tests.Offline;

/// <summary><c>train</c> trains the built-in collaborative plugin through the plugin contract into its data folder.</summary>
public sealed class TrainCommandTests
{
    [Fact]
    public void Train_TinyTsv_WritesVersionedModelsIntoThePluginsDataFolder_AndASummary()
    {
        using var data = new RecoData();
        string root = data.Files.PathOf("data"), models = Path.Combine(root, "collaborative", "models");
        var output = CliRun.Of(["train", "--interactions", data.InteractionsFile, "--data", root, .. RecoData.FastModel]).AssertOk();

        Assert.True(File.Exists(Path.Combine(models, "itemknn-v1.bin")));
        Assert.True(File.Exists(Path.Combine(models, "als-v1.bin")));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        Assert.Matches(@"^  popular: 30 items, half-life 7 days in \d+\.\d\d s", lines[0]);
        Assert.Matches(@"^  als: 8 factors, 40 users x 30 items in \d+\.\d\d s \(\d+\.\d{3} s/iteration\)", lines[1]);
        Assert.Matches(@"^  ease: lambda 300, 30 items in \d+\.\d\d s", lines[2]);
        Assert.Matches(@"^  itemknn: 50 neighbours, 30 items in \d+\.\d\d s", lines[3]);
        Assert.Matches(@"^  userknn: cosine, 50 neighbours, 40 users x 30 items in \d+\.\d\d s", lines[4]);
        Assert.StartsWith("  learned: no labelled lists at ", lines[5]); // the learned ranker trains from feature logs, not events
        Assert.Matches(@"^trained popular, als, ease, itemknn, userknn, learned: 400 events in \d+\.\d\d s -> ", lines[6]);

        CliRun.Of(["train", "--interactions", data.InteractionsFile, "--data", root, "--model", "itemknn"]).AssertOk();
        Assert.True(File.Exists(Path.Combine(models, "itemknn-v2.bin")));
        Assert.False(File.Exists(Path.Combine(models, "als-v2.bin")));
    }

    [Fact]
    public void Train_WithIndex_WritesWhereServeAndRecommendLook()
    {
        using var data = new RecoData();
        CliRun.Of(["train", "--interactions", data.InteractionsFile, "--index", data.Index, .. RecoData.FastModel]).AssertOk();
        Assert.True(File.Exists(Path.Combine(data.Index + ".plugin-data", "collaborative", "models", "als-v1.bin")));
    }

    [Fact]
    public void Train_Scaling_IsKeptInTheModels_SoRequestsScaleHistoriesTheSameWay()
    {
        using var data = new RecoData();
        string root = data.Files.PathOf("data"), models = Path.Combine(root, "collaborative", "models");
        CliRun.Of(["train", "--interactions", data.InteractionsFile, "--data", root, "--scaling", "log", .. RecoData.FastModel]).AssertOk();
        var (als, _) = LuceneReco.Rankers.Collaborative.Models.ModelFiles.LoadAls(Path.Combine(models, "als-v1.bin"));
        var (knn, _) = LuceneReco.Rankers.Collaborative.Models.ModelFiles.LoadItemKnn(Path.Combine(models, "itemknn-v1.bin"));
        Assert.Equal(LuceneReco.Rankers.Collaborative.Data.WeightScaling.Log, als.MatrixOptions.Scaling);
        Assert.Equal(LuceneReco.Rankers.Collaborative.Data.WeightScaling.Log, knn.MatrixOptions.Scaling);
    }

    [Theory]
    [InlineData("--scaling", "sqrt", "scaling must be raw, log or binary, got 'sqrt'")]
    [InlineData("--model", "svd", "no plugin named 'svd' is loaded; the trainable ones are popular, als, ease, itemknn, userknn")]
    [InlineData("--factors", "0", "plugin 'als' refused its training settings: factors must be an integer from 1 to 1024, got '0'")]
    [InlineData("--set", "depth=3", "training setting 'depth' is understood by none of the plugins being trained (popular, als, ease, itemknn, userknn, learned;")]
    [InlineData("--set", "depth", "--set must be NAME=VALUE, got 'depth'")]
    public void Train_BadOption_ExitsWithCode2AndOneLine(string option, string value, string expected)
    {
        using var files = new TestFiles();
        var input = files.Write("i.tsv", "u1\ti1\t1\t100\n");
        var line = CliRun.Of("train", "--interactions", input, "--data", files.PathOf("m"), option, value).AssertOneLineFailure(2);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void Train_ACatalogueTooLargeForEase_SkipsEase_AndTrainsTheRest_UnlessEaseIsAskedFor()
    {
        using var files = new TestFiles();
        var lines = new System.Text.StringBuilder();
        for (int i = 0; i <= 20_000; i++) lines.Append("u").Append(i % 40).Append("\ti").Append(i).Append("\t1\t100\n");
        var input = files.Write("wide.tsv", lines.ToString());
        var output = CliRun.Of("train", "--interactions", input, "--data", files.PathOf("m"), "--model", "als,ease,itemknn", "--factors", "4", "--iterations", "1");
        Assert.Contains("EASE handles at most 20,000 items", output.AssertOneLineFailure(2)); // asked for by name: an error

        var all = CliRun.Of("train", "--interactions", input, "--data", files.PathOf("m2"), "--factors", "4", "--iterations", "1").AssertOk();
        Assert.Contains("  ease: skipped: EASE handles at most 20,000 items", all);
        Assert.Matches(@"(?m)^  itemknn: 50 neighbours, 20,001 items in ", all);
    }

    [Fact]
    public void Train_MalformedLine_NamesFileAndLine()
    {
        using var files = new TestFiles();
        var input = files.Write("i.tsv", "u1\ti1\t1\t100\nu2\ti2\tlots\t100\n");
        var line = CliRun.Of("train", "--interactions", input, "--data", files.PathOf("m")).AssertOneLineFailure(2);
        Assert.Contains("i.tsv:2: weight must be a finite number, got 'lots'", line);
    }
}
