using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// Runs one stage on a deep copy of the candidates within its time budget. The token is cancelled when
/// the budget is spent, and the host stops waiting at the same moment (<c>Task.WaitAsync</c>), so a
/// stage that ignores its token is abandoned rather than awaited; its copy is never applied. The stage
/// is started on the thread pool, so even one that blocks before its first <c>await</c> cannot hold the request.
/// What the stage allocates on its thread until it returns (all of it for a synchronous stage, up to its first
/// incomplete <c>await</c> for an asynchronous one) is measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/>;
/// past the allocation budget its list is not applied.
/// </summary>
internal static class StageInvoker
{
    /// <summary>How a stage run ended.</summary>
    /// <param name="Candidates">The stage's list when it completed in time and valid, else null.</param>
    /// <param name="Outcome">"ok", "threw", "overran", "overallocated" or "invalid".</param>
    /// <param name="Reason">Why it was not applied, or null.</param>
    public sealed record Result(List<Candidate>? Candidates, string Outcome, string? Reason);

    public static async Task<Result> RunAsync(IRankerStage stage, RankingRequest request, List<Candidate> candidates,
        TimeSpan budget, TimeProvider clock, CancellationToken aborted, long allocationBudget = long.MaxValue)
    {
        var copy = new List<Candidate>(candidates.Count);
        foreach (var c in candidates) copy.Add(c.Clone());
        var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        cts.CancelAfter(budget);
        long allocated = 0;
        var task = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try { return stage.RerankAsync(request, copy, cts.Token).AsTask(); }
            finally { Volatile.Write(ref allocated, GC.GetAllocatedBytesForCurrentThread() - before); }
        }, CancellationToken.None);
        try
        {
            await task.WaitAsync(budget, clock, aborted).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Abandon(task, cts);
            return new Result(null, "overran", $"overran its budget of {Ms(budget)} ms");
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            Abandon(task, cts);
            throw;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            cts.Dispose();
            return new Result(null, "overran", $"overran its budget of {Ms(budget)} ms (cancelled)");
        }
        catch (Exception e) // a plugin may throw anything; it is skipped and reported, never rethrown
        {
            cts.Dispose();
            return new Result(null, "threw", $"threw {e.GetType().Name}: {OneLine(e.Message)}");
        }
        cts.Dispose();
        long used = Volatile.Read(ref allocated);
        if (used > allocationBudget)
            return new Result(null, "overallocated", $"allocated {Mb(used)} MB, past its budget of {Mb(allocationBudget)} MB");
        return Check(candidates, copy) is { } problem
            ? new Result(null, "invalid", problem)
            : new Result(copy, "ok", null);
    }

    /// <summary>Why the stage's list cannot be applied (a null, an item it was not given, a duplicate, a score that is not a number), or null.</summary>
    public static string? Check(List<Candidate> given, List<Candidate> returned)
    {
        var ids = new HashSet<string>(given.Count, StringComparer.Ordinal);
        foreach (var c in given) ids.Add(c.ItemId);
        var seen = new HashSet<string>(returned.Count, StringComparer.Ordinal);
        foreach (var c in returned)
        {
            if (c is null) return "returned a list with a null candidate";
            if (!ids.Contains(c.ItemId)) return $"returned item '{c.ItemId}', which it was not given";
            if (!seen.Add(c.ItemId)) return $"returned item '{c.ItemId}' twice";
            if (!double.IsFinite(c.Score)) return $"gave item '{c.ItemId}' the score {c.Score.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }
        return null;
    }

    /// <summary>Stops waiting for <paramref name="task"/>; observes its eventual exception and then releases its token source.</summary>
    private static void Abandon(Task task, CancellationTokenSource cts) =>
        task.ContinueWith(static (t, state) =>
        {
            _ = t.Exception; // observed, so an abandoned stage's late failure is not an unobserved task exception
            ((CancellationTokenSource)state!).Dispose();
        }, cts, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static string OneLine(string message)
    {
        int nl = message.IndexOfAny(['\r', '\n']);
        return nl >= 0 ? message[..nl] : message;
    }
}
