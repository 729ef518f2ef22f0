namespace LuceneReco.Host.Offline.Tuning;

/// <summary>One set of settings a search tries.</summary>
/// <param name="Number">Its number, from 0 (the defaults) in the order trials were drawn.</param>
/// <param name="Settings">The settings, by name.</param>
internal sealed record Trial(int Number, IReadOnlyDictionary<string, string> Settings);

/// <summary>What one evaluation of a trial gave: the score searched on (higher is better) and other metrics for the report, or why it was skipped.</summary>
/// <param name="Score">The searched metric; NaN when skipped.</param>
/// <param name="Metrics">Further metrics by name (e.g. <c>ndcg@10</c>, <c>recall@20</c>).</param>
/// <param name="Skipped">Why the trial could not run (e.g. a model refused its settings), or null.</param>
internal sealed record TrialOutcome(double Score, IReadOnlyDictionary<string, double> Metrics, string? Skipped = null)
{
    /// <summary>A trial that could not run.</summary>
    public static TrialOutcome Skip(string reason) => new(double.NaN, new Dictionary<string, double>(), reason);
}

/// <summary>A trial's outcomes, one per rung it reached (rung 0 on the smallest share of the data).</summary>
internal sealed record TrialRecord(Trial Trial, List<TrialOutcome> Rungs)
{
    /// <summary>The outcome at the highest rung reached.</summary>
    public TrialOutcome Last => Rungs[^1];
}

/// <summary>The search's result: the best trial at the highest rung reached, and every trial run.</summary>
/// <param name="Best">The chosen trial.</param>
/// <param name="BestOutcome">Its outcome at <paramref name="Rung"/>.</param>
/// <param name="Rung">The highest rung reached (the last one is the whole evaluation set).</param>
/// <param name="Trials">Every trial evaluated, in trial order.</param>
/// <param name="Elapsed">Wall time of the search.</param>
/// <param name="StoppedBy">Why the search stopped early ("budget"), or null when every rung ran.</param>
internal sealed record SearchResult(Trial Best, TrialOutcome BestOutcome, int Rung, IReadOnlyList<TrialRecord> Trials, TimeSpan Elapsed, string? StoppedBy);

/// <summary>The budget ran out before one trial finished: the search has nothing to choose from. A user error at the CLI (exit 2).</summary>
internal sealed class SearchBudgetException(string message) : Exception(message);
