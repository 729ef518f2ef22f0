namespace LuceneReco.Host.Experiments;

/// <summary>
/// How an interleaved list was made, for the response and the impression log: the experiment, its method, the two pipelines
/// and, by item id, the variant that put the item in the list and its 1-based rank in each pipeline's ranking (0: not in it).
/// </summary>
internal sealed record ExperimentServed(string Name, InterleavingMethod Method, string Control, string Candidate,
    IReadOnlyDictionary<string, ExperimentServed.Origin> Items)
{
    /// <summary>Where one item of the list came from.</summary>
    public readonly record struct Origin(Variant Variant, int RankA, int RankB);

    /// <summary>The pipeline of <paramref name="variant"/>.</summary>
    public string PipelineOf(Variant variant) => variant == Variant.A ? Control : Candidate;
}
