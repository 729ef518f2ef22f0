using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using LuceneReco.Host.Tests.Cli;

namespace LuceneReco.Host.Tests.Offline;

public sealed class EvalSweepTests
{
    private const string Config = """
        { "defaultPipeline": "diverse", "pipelines": { "diverse": {
            "recall": [ { "source": "als", "size": 30 }, { "source": "itemknn", "size": 30 } ],
            "stages": [ { "ranker": "mmr", "budgetMs": 5000, "options": { "lambda": 0.7, "attributeFields": "category", "textFields": "", "depth": 30 } } ] } } }
        """;

    [Fact]
    public void Sweep_MmrLambda_WritesTheTableAndThePicture_LowLambdaMixesCategories()
    {
        using var data = new RecoData();
        string config = data.Files.Write("diverse.json", Config);
        string outDir = data.Files.PathOf("sweep");
        var json = CliRun.Of(["eval", "--index", data.Index, "--interactions", data.InteractionsFile, "--k", "5", "--json", "--config", config,
            "--sweep", "mmr.lambda=0.05,1", "--out", outDir, .. RecoData.FastModel]).AssertOk();

        using var document = JsonDocument.Parse(json);
        var names = document.RootElement.GetProperty("diversity").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Equal(["popularity", "item-kNN", "diverse", "mmr.lambda=0.05", "mmr.lambda=1"], names);

        var rows = File.ReadAllLines(Path.Combine(outDir, "sweep.tsv")).Select(l => l.Split('\t')).ToList();
        int ild = Array.IndexOf(rows[0], "ild_category"), ndcg = Array.IndexOf(rows[0], "ndcg10");
        Assert.Equal(6, rows.Count);
        var low = rows.Single(r => r[0] == "mmr.lambda=0.05");
        var high = rows.Single(r => r[0] == "mmr.lambda=1");
        Assert.Equal(("0.05", "1"), (low[1], high[1]));
        double Value(string[] row, int column) => double.Parse(row[column], CultureInfo.InvariantCulture);
        // Each user's history is one category; lambda 1 keeps the collaborative order (one category), 0.05 mixes in the other.
        Assert.True(Value(low, ild) > Value(high, ild) + 0.1, $"ILD by category: lambda 0.05 {low[ild]}, lambda 1 {high[ild]}");
        Assert.True(Value(low, ndcg) < Value(high, ndcg), $"NDCG@5: lambda 0.05 {low[ndcg]}, lambda 1 {high[ndcg]}");

        var svg = XDocument.Parse(File.ReadAllText(Path.Combine(outDir, "sweep.svg")));
        Assert.NotEmpty(svg.Descendants(XName.Get("polyline", "http://www.w3.org/2000/svg")));
    }

    [Fact]
    public void Sweep_StageNotInThePipeline_ExitsWithUsage()
    {
        using var data = new RecoData();
        var result = CliRun.Of(["eval", "--index", data.Index, "--interactions", data.InteractionsFile, "--sweep", "mmr.lambda=0.5"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no stage 'mmr'", result.Error);
    }
}
