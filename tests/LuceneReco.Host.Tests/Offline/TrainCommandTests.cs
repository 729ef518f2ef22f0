using LuceneReco.Host.Tests.Cli;

namespace LuceneReco.Host.Tests.Offline;

public sealed class TrainCommandTests
{
    [Fact]
    public void Train_TinyTsv_WritesVersionedModelsAndOneSummaryLine()
    {
        using var data = new RecoData();
        string models = data.Files.PathOf("models");
        var output = CliRun.Of(["train", "--interactions", data.InteractionsFile, "--out", models, .. RecoData.FastModel]).AssertOk();

        Assert.True(File.Exists(Path.Combine(models, "itemknn-v1.bin")));
        Assert.True(File.Exists(Path.Combine(models, "als-v1.bin")));
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^trained itemknn, als: 400 events, 40 users, 30 items in \d+\.\d\d s \(als \d+\.\d{3} s/iteration\) -> ", line);

        CliRun.Of(["train", "--interactions", data.InteractionsFile, "--out", models, "--model", "itemknn"]).AssertOk();
        Assert.True(File.Exists(Path.Combine(models, "itemknn-v2.bin")));
        Assert.False(File.Exists(Path.Combine(models, "als-v2.bin")));
    }

    [Fact]
    public void Train_Scaling_IsKeptInTheModels_SoRequestsScaleHistoriesTheSameWay()
    {
        using var data = new RecoData();
        string models = data.Files.PathOf("models");
        CliRun.Of(["train", "--interactions", data.InteractionsFile, "--out", models, "--scaling", "log", .. RecoData.FastModel]).AssertOk();
        var (als, _) = LuceneReco.Rankers.Collaborative.Models.ModelFiles.LoadAls(Path.Combine(models, "als-v1.bin"));
        var (knn, _) = LuceneReco.Rankers.Collaborative.Models.ModelFiles.LoadItemKnn(Path.Combine(models, "itemknn-v1.bin"));
        Assert.Equal(LuceneReco.Rankers.Collaborative.Data.WeightScaling.Log, als.MatrixOptions.Scaling);
        Assert.Equal(LuceneReco.Rankers.Collaborative.Data.WeightScaling.Log, knn.MatrixOptions.Scaling);
    }

    [Theory]
    [InlineData("--scaling", "sqrt", "--scaling must be raw, log or binary, got 'sqrt'")]
    [InlineData("--model", "svd", "--model must be itemknn, als or both")]
    [InlineData("--factors", "0", "--factors must be 1 to 1024")]
    public void Train_BadOption_ExitsWithCode2AndOneLine(string option, string value, string expected)
    {
        using var files = new TestFiles();
        var input = files.Write("i.tsv", "u1\ti1\t1\t100\n");
        var line = CliRun.Of("train", "--interactions", input, "--out", files.PathOf("m"), option, value).AssertOneLineFailure(2);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void Train_MalformedLine_NamesFileAndLine()
    {
        using var files = new TestFiles();
        var input = files.Write("i.tsv", "u1\ti1\t1\t100\nu2\ti2\tlots\t100\n");
        var line = CliRun.Of("train", "--interactions", input, "--out", files.PathOf("m")).AssertOneLineFailure(2);
        Assert.Contains("i.tsv:2: weight 'lots' is not a number", line);
    }
}
