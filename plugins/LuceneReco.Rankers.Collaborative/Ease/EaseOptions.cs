using System.Globalization;

namespace LuceneReco.Rankers.Collaborative.Ease;

/// <summary>Parameters of <see cref="EaseModel"/> training.</summary>
public sealed record EaseOptions
{
    /// <summary>
    /// The most items EASE trains on: its item-item matrix is dense, <c>n^2</c> floats (20,000 items: 1.6 GB, and about
    /// <c>n^3</c> operations to invert). Above it training refuses with a message, unless <see cref="MaxItems"/> keeps fewer.
    /// </summary>
    public const int MaxItemCount = 20_000;

    /// <summary>The L2 penalty lambda added to the Gram matrix's diagonal. <value>The default is 300.</value></summary>
    public double Lambda { get; init; } = 300;

    /// <summary>Train on only the this many items with the most users (others are unknown to the model); <c>null</c> keeps every item, up to <see cref="MaxItemCount"/>. <value>The default is <c>null</c>.</value></summary>
    public int? MaxItems { get; init; }

    /// <summary>Threads used for training. <value>The default is <c>null</c>: every core.</value></summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (!double.IsFinite(Lambda) || Lambda <= 0) errors.Add(string.Create(CultureInfo.InvariantCulture, $"Lambda must be > 0, got {Lambda}"));
        if (MaxItems is < 1 or > MaxItemCount) errors.Add(string.Create(CultureInfo.InvariantCulture, $"MaxItems must be 1 to {MaxItemCount}, got {MaxItems}"));
        if (MaxDegreeOfParallelism is < 1) errors.Add($"MaxDegreeOfParallelism must be >= 1, got {MaxDegreeOfParallelism}");
        return errors;
    }
}
