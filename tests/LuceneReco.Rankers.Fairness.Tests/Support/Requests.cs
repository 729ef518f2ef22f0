using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Fairness.Tests.Support;

internal static class Requests
{
    public static RankingRequest For(int k, string? user = null, bool offline = false, params (string Key, string Value)[] options)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in options) map[key] = value;
        return new RankingRequest(user, null, [], k, map) { Offline = offline, Explain = true };
    }

    /// <summary>Candidates c0..c{n-1} with descending scores n, n-1, ...</summary>
    public static List<Candidate> Candidates(int n, string prefix = "c")
    {
        var list = new List<Candidate>(n);
        for (int i = 0; i < n; i++) list.Add(new Candidate(prefix + i, n - i));
        return list;
    }

    public static void Run(IRankerStage stage, RankingRequest request, List<Candidate> candidates) =>
        stage.RerankAsync(request, candidates, CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
