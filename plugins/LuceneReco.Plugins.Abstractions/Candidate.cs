namespace LuceneReco.Plugins;

/// <summary>
/// An item on its way to the result: its current score, the score each stage gave it, features stages
/// recorded, the reasons stages gave for it, and their arithmetic (debug lines).
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

    /// <summary>Why the item is here, in the order sources and stages gave their reasons. Stages append; they never rewrite earlier reasons.</summary>
    public List<Reason> Reasons { get; } = new();

    /// <summary>The reasons as lines people read (<c>source: text</c>), in order.</summary>
    public IReadOnlyList<string> Explanations
    {
        get
        {
            var lines = new string[Reasons.Count];
            for (int i = 0; i < lines.Length; i++) lines[i] = Reasons[i].ToString();
            return lines;
        }
    }

    /// <summary>
    /// The arithmetic behind the score (<c>stage: text</c> lines): normalised scores, weights, sums. Returned only in the
    /// debug part of an <c>explain=true</c> response; people read <see cref="Reasons"/>.
    /// </summary>
    public List<string> DebugLines { get; } = new();

    /// <summary>Adds a reason in words attributed to <paramref name="stage"/>.</summary>
    public void Explain(string stage, string text) => Reasons.Add(new Reason(stage, text));

    /// <summary>Adds <paramref name="reason"/>.</summary>
    public void Explain(Reason reason) => Reasons.Add(reason ?? throw new ArgumentNullException(nameof(reason)));

    /// <summary>Adds a line of arithmetic attributed to <paramref name="stage"/> (see <see cref="DebugLines"/>).</summary>
    public void Debug(string stage, string text) => DebugLines.Add($"{stage}: {text}");

    /// <summary>A deep copy (the host hands each stage its own).</summary>
    public Candidate Clone()
    {
        var c = new Candidate(ItemId, Score);
        foreach (var (k, v) in StageScores) c.StageScores[k] = v;
        foreach (var (k, v) in Features) c.Features[k] = v;
        c.Reasons.AddRange(Reasons);
        c.DebugLines.AddRange(DebugLines);
        return c;
    }
}
