using System.Text.Json;

namespace LuceneReco.Host.Pipelines;

/// <summary>One rerank step of a pipeline: the ranker to run, its options and its time and allocation budgets.</summary>
internal sealed record StageStep
{
    /// <summary>The ranker's name in the plugin catalogue.</summary>
    public required string Ranker { get; init; }

    /// <summary>The stage's name in responses, scores and metrics. <value>The default is <c>null</c>: the ranker name.</value></summary>
    public string? Name { get; init; }

    /// <summary>The time budget; a stage still running after it is abandoned and skipped. <value>The default is 50 ms.</value></summary>
    public int BudgetMs { get; init; } = 50;

    /// <summary>
    /// The memory a stage may allocate in one request, in MB, measured with the runtime's per-thread allocation counter
    /// over the stage's synchronous run (everything up to its first incomplete <c>await</c>); a stage past it is skipped and
    /// counted as a fault, as one that overruns its time. <value>The default is 64 MB.</value>
    /// </summary>
    public int AllocationBudgetMb { get; init; } = 64;

    /// <summary>The allocation budget in bytes.</summary>
    public long AllocationBudget => AllocationBudgetMb * 1024L * 1024L;

    /// <summary>The step's "options" object handed to the plugin. <value>The default is <c>null</c> (none).</value></summary>
    public JsonElement? Options { get; init; }

    /// <summary>The name the stage goes by: <see cref="Name"/> or the ranker name.</summary>
    public string StageName => Name ?? Ranker;

    /// <summary>The budget as a time span.</summary>
    public TimeSpan Budget => TimeSpan.FromMilliseconds(BudgetMs);

    /// <summary>Adds every problem of this step to <paramref name="errors"/>, each prefixed with <paramref name="where"/>.</summary>
    public void Validate(string where, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Ranker)) errors.Add($"{where}: ranker is missing");
        if (Name is { } n && string.IsNullOrWhiteSpace(n)) errors.Add($"{where}: name, when given, must not be blank");
        if (BudgetMs <= 0) errors.Add($"{where}: budgetMs must be > 0, got {BudgetMs}");
        else if (BudgetMs > 60_000) errors.Add($"{where}: budgetMs must be at most 60000, got {BudgetMs}");
        if (AllocationBudgetMb <= 0) errors.Add($"{where}: allocationBudgetMb must be > 0, got {AllocationBudgetMb}");
        else if (AllocationBudgetMb > 16_384) errors.Add($"{where}: allocationBudgetMb must be at most 16384, got {AllocationBudgetMb}");
        if (Options is { } o && o.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            errors.Add($"{where}: options must be a JSON object, got {o.ValueKind.ToString().ToLowerInvariant()}");
    }
}
