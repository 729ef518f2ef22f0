using System.Globalization;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Offline.Tuning;

/// <summary>What <see cref="PipelineTuner"/> tunes on and how long it may take.</summary>
internal sealed record TuneOptions
{
    /// <summary>The fewest users with both fit and validation interactions a tuning accepts.</summary>
    public const int MinUsers = 10;

    /// <summary>The fewest items with interactions in the fit part a tuning accepts.</summary>
    public const int MinItems = 20;

    /// <summary>The index (its last commit is read). <value>There is no default.</value></summary>
    public required string IndexDirectory { get; init; }

    /// <summary>The interactions to tune on (a training part: tune splits it again and never sees a test part). <value>There is no default.</value></summary>
    public required IReadOnlyList<Interaction> Events { get; init; }

    /// <summary>Hold out each user's newest events (true) or a seeded random share (false). <value>The default is <c>true</c>.</value></summary>
    public bool ByTime { get; init; } = true;

    /// <summary>Each user's share held out for validation. <value>The default is 0.2.</value></summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>
    /// Share of the items whose every interaction goes to validation first (as <c>eval --cold-items</c> does), so the search
    /// sees items no model knows and can weigh cold-item placement. <value>The default is 0.</value>
    /// </summary>
    public double ColdItems { get; init; }

    /// <summary>
    /// Judge at most this many validation users: a seeded sample of those with held-out items (each rung's share is then a
    /// share of the sample). <value>The default is <c>null</c>: every one.</value>
    /// </summary>
    public int? MaxValidationUsers { get; init; }

    /// <summary>The metric maximised. <value>The default is the mean of NDCG@10 and Recall@20 (<see cref="TuneMetric.Default"/>).</value></summary>
    public TuneMetric Metric { get; init; } = TuneMetric.Default;

    /// <summary>How the search runs: seed, trials, budget, rungs. <value>The default is <see cref="HalvingSearchOptions"/>'s defaults.</value></summary>
    public HalvingSearchOptions Search { get; init; } = new();

    /// <summary>Training settings the user fixed (<c>--set</c>, <c>--scaling</c>): not searched. <value>The default is none.</value></summary>
    public IReadOnlyDictionary<string, string> FixedTraining { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The plugins folder. <value>The default is <c>null</c>: the built-in plugins.</value></summary>
    public string? PluginsDirectory { get; init; }

    /// <summary>Users run at once. <value>The default is the number of cores.</value></summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = Search.Validate();
        if (string.IsNullOrWhiteSpace(IndexDirectory)) errors.Add("IndexDirectory must name a folder");
        if (!(ValidationFraction is > 0 and < 1)) errors.Add(string.Create(CultureInfo.InvariantCulture, $"ValidationFraction must be between 0 and 1, got {ValidationFraction}"));
        if (!(ColdItems is >= 0 and < 1)) errors.Add(string.Create(CultureInfo.InvariantCulture, $"ColdItems must be 0 or more and below 1, got {ColdItems}"));
        if (MaxValidationUsers is < MinUsers) errors.Add($"MaxValidationUsers must be at least {MinUsers}, got {MaxValidationUsers}");
        if (Parallelism < 1) errors.Add($"Parallelism must be >= 1, got {Parallelism}");
        return errors;
    }
}

/// <summary>The interactions cannot be tuned on (too few users, items or events to split): a user error at the CLI (exit 2).</summary>
internal sealed class TuneInputException(string message) : Exception(message);
