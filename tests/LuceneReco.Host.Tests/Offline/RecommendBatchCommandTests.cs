using LuceneReco.Host.Offline;
using LuceneReco.Host.Tests.Cli;

namespace LuceneReco.Host.Tests.Offline;

public sealed class RecommendBatchCommandTests
{
    [Fact]
    public void RecommendBatch_WritesOneLinePerUser_LeavesOutSeenItems_AndIsDeterministic()
    {
        using var data = new RecoData();
        var users = data.Files.Write("users.txt", "u00\nu30\nnobody\n");
        string Run(string name)
        {
            var output = data.Files.PathOf(name);
            var summary = CliRun.Of(["recommend-batch", "--index", data.Index, "--interactions", data.InteractionsFile, "--users", users,
                "--k", "4", "--out", output, .. RecoData.FastModel]).AssertOk();
            Assert.StartsWith("wrote 3 users' top 4 to ", summary);
            return File.ReadAllText(output);
        }

        var first = Run("a.tsv");
        Assert.Equal(first, Run("b.tsv"));
        var lines = first.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["u00", "u30", "nobody"], lines.Select(l => l.Split('\t')[0]));
        var history = new FixedInteractions(LuceneReco.Host.Interactions.InteractionFiles.ReadAll(data.InteractionsFile, DateTimeOffset.UnixEpoch));
        foreach (var line in lines[..2])
        {
            var (user, items) = (line.Split('\t')[0], line.Split('\t')[1].Split(','));
            Assert.Equal(4, items.Length);
            Assert.Equal(items.Length, items.Distinct().Count());
            var seen = history.ForUser(user, int.MaxValue).Select(e => e.ItemId).ToHashSet();
            Assert.All(items, i => Assert.DoesNotContain(i, seen));
        }
        Assert.All(lines[1].Split('\t')[1].Split(','), i => Assert.StartsWith("c", i));
        // A user with no history gets the built-in pipeline's fallback: the trending items, none seen, as many as asked for.
        var stranger = lines[2].Split('\t')[1].Split(',');
        Assert.Equal(stranger.Length, stranger.Distinct().Count());
        Assert.Equal(4, stranger.Length);
    }

    [Fact]
    public void RecommendBatch_UnknownPipeline_ExitsWithCode2()
    {
        using var data = new RecoData();
        var users = data.Files.Write("users.txt", "u00\n");
        var line = CliRun.Of("recommend-batch", "--index", data.Index, "--interactions", data.InteractionsFile, "--users", users,
            "--pipeline", "nope", "--out", data.Files.PathOf("r.tsv")).AssertOneLineFailure(2);
        Assert.Contains("unknown pipeline 'nope'", line);
    }
}
