namespace LuceneReco.Plugins;

/// <summary>
/// An item on its way to the result: its current score, the score each stage gave it, features stages
/// recorded, and the explanation lines stages wrote.
/// </summary>
public sealed class Candidate
{
    /// <summary>Creates a candidate for <paramref name="itemId"/> with a recall score.</summary>
    public Candidate(string itemId, double score)
    {
        ItemId = itemId ?? throw new ArgumentNullException(nameof(itemId));
        Score = score;
    }

    /// <summary>The item id.</summary>
    public string ItemId { get; }

    /// <summary>The current score; the final list is ordered as the last stage left it.</summary>
    public double Score { get; set; }

    /// <summary>The score each stage (and the recall sources) assigned, by stage name.</summary>
    public Dictionary<string, double> StageScores { get; } = new(StringComparer.Ordinal);

    /// <summary>Named numeric features (e.g. "bm25", "itemknn.sim") for later stages and for logging.</summary>
    public Dictionary<string, double> Features { get; } = new(StringComparer.Ordinal);

    /// <summary>Human-readable explanation lines, in the order stages wrote them.</summary>
    public List<string> Explanations { get; } = new();

    /// <summary>Adds an explanation line attributed to <paramref name="stage"/>.</summary>
    public void Explain(string stage, string text) => Explanations.Add($"{stage}: {text}");

    /// <summary>A deep copy (the host hands each stage its own).</summary>
    public Candidate Clone()
    {
        var c = new Candidate(ItemId, Score);
        foreach (var (k, v) in StageScores) c.StageScores[k] = v;
        foreach (var (k, v) in Features) c.Features[k] = v;
        c.Explanations.AddRange(Explanations);
        return c;
    }
}
