using System.Globalization;
using System.Text;
using static System.FormattableString;

namespace LuceneReco.LoadTest;

/// <summary>What <see cref="HotReloadLoad"/> measured.</summary>
public sealed record HotReloadReport
{
    /// <summary>How the load ran.</summary>
    public required HotReloadLoadOptions Options { get; init; }

    /// <summary>Requests finished during the load (search and recommend).</summary>
    public required long Requests { get; init; }

    /// <summary>Failed requests by reason: an HTTP error, a transport error, a skipped stage, a wrong score.</summary>
    public required IReadOnlyDictionary<string, int> Failures { get; init; }

    /// <summary>Failed requests.</summary>
    public long Failed => Failures.Values.Sum(n => (long)n);

    /// <summary>Latency of every request.</summary>
    public required LatencySummary All { get; init; }

    /// <summary>Latency of <c>GET /search</c>.</summary>
    public required LatencySummary Search { get; init; }

    /// <summary>Latency of <c>POST /recommend</c>.</summary>
    public required LatencySummary Recommend { get; init; }

    /// <summary>Responses served by GoodRanker v1.</summary>
    public required long V1Responses { get; init; }

    /// <summary>Responses served by GoodRanker v2.</summary>
    public required long V2Responses { get; init; }

    /// <summary>Reloads that became visible in <c>/plugins</c> during the load.</summary>
    public int Reloads => ReloadVisible.Count;

    /// <summary>Milliseconds from each copy until <c>/plugins</c> showed the new version.</summary>
    public required LatencySummary ReloadVisible { get; init; }

    /// <summary>Copies that did not become visible in time.</summary>
    public required IReadOnlyList<string> ReloadProblems { get; init; }

    /// <summary>What the writers did, when the load had any (<see cref="HotReloadLoadOptions.Writers"/>).</summary>
    public SoakWrites? Writes { get; init; }

    /// <summary>The bare-versus-staged comparison, if it ran.</summary>
    public BaselineComparison? Baseline { get; init; }

    /// <summary>The server's memory once a second during the load and the settle time.</summary>
    public required IReadOnlyList<MemorySample> Memory { get; init; }

    /// <summary>The server's exit code after SIGTERM (0 is a clean stop).</summary>
    public required int ServerExitCode { get; init; }

    /// <summary>What the server wrote to stderr.</summary>
    public required string ServerLog { get; init; }

    /// <summary>Requests per second over the load.</summary>
    public double Throughput => Requests / Options.Duration.TotalSeconds;

    /// <summary>Assemblies in the server at the end minus at the start: about 0 when replaced contexts are collected, about one per reload when they leak.</summary>
    public int AssemblyGrowth => Memory.Count == 0 ? 0 : Memory[^1].LoadedAssemblies - Memory[0].LoadedAssemblies;

    /// <summary>The managed heap's mean over the last third of the load samples relative to the first third (0.1 = 10% more).</summary>
    public double HeapGrowth
    {
        get
        {
            var load = Memory.Where(m => m.Phase == "load").ToList();
            if (load.Count < 3) return 0;
            int third = load.Count / 3;
            double first = load.Take(third).Average(m => (double)m.GcHeapBytes);
            double last = load.Skip(load.Count - third).Average(m => (double)m.GcHeapBytes);
            return last / first - 1;
        }
    }

    /// <summary>No failed request, both versions served, every reload visible, a clean stop.</summary>
    public bool Passed => Failed == 0 && V1Responses > 0 && V2Responses > 0 && ReloadProblems.Count == 0 && ServerExitCode == 0 && (Writes?.Lost.Count ?? 0) == 0;

    /// <summary>The figures as a Markdown fragment (for docs/benchmarks.md).</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        void Line(string text) => md.Append(text).Append('\n');
        Line(Invariant($"- Load: {Options.Clients} reading clients for {Seconds(Options.Duration)} s, alternating `GET /search` and `POST /recommend` (explain=true) on the staged pipeline; the `good` plugin folder replaced every {Seconds(Options.ReloadEvery)} s (v1 and v2 alternately)."));
        Line(Invariant($"- Requests: {Requests:N0} ({Throughput:0} per second), failed: {Failed:N0}{(Failed > 0 ? " — " + string.Join("; ", Failures.Select(f => $"{f.Value} x {f.Key}")) : "")}."));
        Line(Invariant($"- Served by v1: {V1Responses:N0}, by v2: {V2Responses:N0} (each response checked: no skipped stage, every item explained by one version, score = fused score + 1 or + 2)."));
        Line(Invariant($"- Reloads: {Reloads} (copy to visible in `/plugins`: p50 {Ms(ReloadVisible.P50)} ms, max {Ms(ReloadVisible.Max)} ms){(ReloadProblems.Count > 0 ? "; problems: " + string.Join("; ", ReloadProblems) : "")}."));
        if (Writes is { } w)
            Line(Invariant($"- Writers: {Options.Writers}, alternating `PUT /items` (one new item) and `POST /events` (two events); {w.Acknowledged:N0} items acknowledged, {w.Lost.Count} of them missing afterwards{(w.Lost.Count > 0 ? " (" + string.Join(", ", w.Lost.Take(5)) + ")" : "")}; index segments {w.SegmentsAtStart} at the start, {w.SegmentsAtEnd} at the end."));
        Line("");
        Line("| latency (ms, client side) | count | p50 | p95 | p99 | max |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: |");
        Row(md, "all reads", All);
        Row(md, "GET /search", Search);
        Row(md, "POST /recommend", Recommend);
        if (Writes is { } writes)
        {
            Row(md, "PUT /items", writes.Put);
            Row(md, "POST /events", writes.Events);
        }
        if (Baseline is { } b)
        {
            Line("");
            Line("Plugin stage over bare recall (`GET /search`, one request at a time, same queries, pipelines `bare` and `staged` alternating):");
            Line("");
            Line("| ms | bare p50 | staged p50 | difference | bare p95 | staged p95 |");
            Line("| --- | ---: | ---: | ---: | ---: | ---: |");
            Line(Invariant($"| client side ({b.BareClient.Count:N0} requests each) | {Ms(b.BareClient.P50)} | {Ms(b.StagedClient.P50)} | {Ms(b.StagedClient.P50 - b.BareClient.P50)} | {Ms(b.BareClient.P95)} | {Ms(b.StagedClient.P95)} |"));
            Line(Invariant($"| server `tookMs` | {Ms(b.BareServer.P50)} | {Ms(b.StagedServer.P50)} | {Ms(b.StagedServer.P50 - b.BareServer.P50)} | {Ms(b.BareServer.P95)} | {Ms(b.StagedServer.P95)} |"));
        }
        if (Memory.Count > 0)
        {
            var load = Memory.Where(m => m.Phase == "load").ToList();
            var columns = new List<(string Name, MemorySample Sample)> { ("start", Memory[0]), ("end of load", load[^1]) };
            if (Memory.LastOrDefault(m => m.Phase == "settle") is { } idle) columns.Add((Invariant($"after {Seconds(Options.Settle)} s idle"), idle));
            if (Memory.LastOrDefault(m => m.Phase == "after full GC") is { } collected) columns.Add(("after 2 induced full GCs", collected));
            Line("");
            Line(Invariant($"Server memory, sampled every second during the load ({load.Count} samples) and after it:"));
            Line("");
            Line("| | " + string.Join(" | ", columns.Select(c => c.Name)) + " | max |");
            Line("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", columns.Count + 1)));
            if (Memory.All(m => m.RssBytes is not null))
                MemoryRow(md, "RSS (VmRSS), MB", columns, m => Mb(m.RssBytes!.Value), Mb(Memory.Max(m => m.RssBytes!.Value)));
            MemoryRow(md, "managed heap after the last GC, MB", columns, m => Mb(m.GcHeapBytes), Mb(Memory.Max(m => m.GcHeapBytes)));
            MemoryRow(md, "loaded assemblies", columns, m => Invariant($"{m.LoadedAssemblies}"), Invariant($"{Memory.Max(m => m.LoadedAssemblies)}"));
            MemoryRow(md, "gen 2 collections so far", columns, m => Invariant($"{m.Gen2Collections}"), "");
            Line("");
            var fullGcs = FullCollections();
            Line(fullGcs.Count == 0
                ? "No full (gen 2) collection ran during the load: replaced plugin contexts are freed only by one."
                : "Full (gen 2) collections during the load, with the assemblies loaded just before and after each (a replaced plugin " +
                  "version is freed by a full collection after its unload): " + string.Join(", ", fullGcs) + ".");
            Line("");
            Line(Invariant($"Managed heap, mean of the last third of the load samples over the first third: {HeapGrowth:+0%;-0%;0%}; ") +
                 Invariant($"loaded assemblies at the end minus at the start: {AssemblyGrowth:+0;-0;0} after {Reloads} reloads."));
            Line("");
        }
        Line(Invariant($"- Server exit code after SIGTERM: {ServerExitCode}."));
        return md.ToString();
    }

    /// <summary>"at 23 s: 106 -> 99 assemblies" for each sample where the gen 2 count rose.</summary>
    private List<string> FullCollections()
    {
        var result = new List<string>();
        for (int i = 1; i < Memory.Count; i++)
        {
            if (Memory[i].Phase == "load" && Memory[i].Gen2Collections > Memory[i - 1].Gen2Collections)
                result.Add(Invariant($"at {Memory[i].Seconds:0} s: {Memory[i - 1].LoadedAssemblies} -> {Memory[i].LoadedAssemblies} assemblies"));
        }
        return result;
    }

    private static void MemoryRow(StringBuilder md, string name, List<(string Name, MemorySample Sample)> columns, Func<MemorySample, string> value, string max) =>
        md.Append("| ").Append(name).Append(" | ").Append(string.Join(" | ", columns.Select(c => value(c.Sample)))).Append(" | ").Append(max).Append(" |\n");

    private static void Row(StringBuilder md, string name, LatencySummary s) =>
        md.Append(CultureInfo.InvariantCulture, $"| {name} | {s.Count:N0} | {Ms(s.P50)} | {Ms(s.P95)} | {Ms(s.P99)} | {Ms(s.Max)} |\n");

    private static string Ms(double ms) => ms.ToString(Math.Abs(ms) < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
