namespace LuceneReco.Host.Web;

/// <summary>
/// A request option of a pipeline stage that the demo page offers as a slider: sending <see cref="Key"/> in
/// <c>POST /recommend</c>'s <c>options</c> sets the stage's trade-off for that one request.
/// </summary>
/// <param name="Stage">The stage's name in the pipeline.</param>
/// <param name="Key">The request option (<c>mmr.lambda</c>, <c>fair.p</c>, ...).</param>
/// <param name="Kind"><c>diversity</c>, <c>fairness</c> or <c>calibration</c>.</param>
/// <param name="Label">What the slider is called on the page.</param>
/// <param name="Min">The smallest value the stage accepts from a request.</param>
/// <param name="Max">The largest value the stage accepts from a request.</param>
/// <param name="Value">The configured value (what the stage uses when the request sends none).</param>
/// <param name="Inverted">True when a smaller value means more of <see cref="Kind"/> (MMR's and DPP's relevance weight).</param>
internal sealed record StageSlider(string Stage, string Key, string Kind, string Label, double Min, double Max, double Value, bool Inverted);
