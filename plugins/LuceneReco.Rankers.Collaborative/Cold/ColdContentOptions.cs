using System.Globalization;

namespace LuceneReco.Rankers.Collaborative.Cold;

/// <summary>Options of the "coldcontent" stage (a pipeline step's "options" object).</summary>
public sealed class ColdContentOptions
{
    /// <summary>The content recall source whose score cold items compete with (its raw score is the candidate's stage score of that name). <value>The default is "profile".</value></summary>
    public string Source { get; set; } = "profile";

    /// <summary>
    /// How a cold item's calibrated content score turns into its final score: <c>final = weight * calibrated</c>, where 1 means
    /// "as good as a known item whose collaborative score sits at the same place as this item's content score". <c>tune</c>
    /// chooses it. <value>The default is 0.5.</value>
    /// </summary>
    public double Weight { get; set; } = 0.5;

    /// <summary>The collaborative stages whose score feature (<c>NAME.score</c>) marks an item as known, comma-separated. <value>The default is "als,itemknn,ease,userknn".</value></summary>
    public string KnownBy { get; set; } = "als,itemknn,ease,userknn";

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Source)) errors.Add("source must name a content recall source");
        if (!double.IsFinite(Weight) || Weight is < 0 or > 10) errors.Add(string.Create(CultureInfo.InvariantCulture, $"weight must be 0 to 10, got {Weight}"));
        if (Names().Count == 0) errors.Add("knownBy must name at least one collaborative stage");
        return errors;
    }

    /// <summary>The names in <see cref="KnownBy"/>.</summary>
    public List<string> Names() => [.. (KnownBy ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
