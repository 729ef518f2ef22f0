using LuceneReco.Rankers.Diversity.Vectors;

namespace LuceneReco.Rankers.Diversity.Options;

/// <summary>The options of the stages that compare items (MMR, DPP): which fields make the similarity, and how many places are chosen.</summary>
public abstract class SimilarityStageOptions : DiversityStageOptions
{
    /// <summary>Comma-separated text fields whose TF-IDF term vectors are compared by cosine; <c>null</c> or empty leaves text out. <value>The default is "title,body".</value></summary>
    public string? TextFields { get; set; } = "title,body";

    /// <summary>Comma-separated keyword fields (e.g. "category,provider,tags") compared by <see cref="AttributeMatch"/>; <c>null</c> leaves attributes out. <value>The default is <c>null</c>.</value></summary>
    public string? AttributeFields { get; set; }

    /// <summary>The text part's weight in the mix, at least 0. <value>The default is 1.</value></summary>
    public double TextWeight { get; set; } = 1;

    /// <summary>The attribute part's weight in the mix, at least 0. <value>The default is 1.</value></summary>
    public double AttributeWeight { get; set; } = 1;

    /// <summary>
    /// The weight of the embedding part: the cosine of the items' embedding vectors (from <c>lucenereco embed</c>), 0 for an
    /// item without one; 0 leaves it out, and on an index without vectors it is left out too. <value>The default is 0.</value>
    /// </summary>
    public double VectorWeight { get; set; }

    /// <summary>How attributes compare. <value>The default is <see cref="AttributeMatch.Jaccard"/>.</value></summary>
    public AttributeMatch AttributeMatch { get; set; } = AttributeMatch.Jaccard;

    /// <summary>Keep only this many of each item's heaviest terms (faster on long texts); <c>null</c> keeps all. <value>The default is <c>null</c>.</value></summary>
    public int? MaxTerms { get; set; }

    /// <summary>How many places (of the reordered depth) the objective fills; the rest of the depth follows in relevance order. <value>The default is <c>null</c>: all of them.</value></summary>
    public int? Positions { get; set; }

    internal string[] TextFieldList => SplitFields(TextFields);

    internal string[] AttributeFieldList => SplitFields(AttributeFields);

    /// <inheritdoc/>
    protected override void Validate(List<string> problems)
    {
        base.Validate(problems);
        bool text = TextFieldList.Length > 0, attributes = AttributeFieldList.Length > 0;
        bool vectors = VectorWeight > 0;
        if (!text && !attributes && !vectors) problems.Add("textFields or attributeFields must name at least one field, or vectorWeight be above 0");
        if (!double.IsFinite(TextWeight) || TextWeight < 0) problems.Add(Format($"textWeight must be a finite number at least 0, got {TextWeight}"));
        if (!double.IsFinite(AttributeWeight) || AttributeWeight < 0) problems.Add(Format($"attributeWeight must be a finite number at least 0, got {AttributeWeight}"));
        if (!double.IsFinite(VectorWeight) || VectorWeight < 0) problems.Add(Format($"vectorWeight must be a finite number at least 0, got {VectorWeight}"));
        if ((text ? TextWeight : 0) + (attributes ? AttributeWeight : 0) + (vectors ? VectorWeight : 0) <= 0) problems.Add("the weights of the configured parts (textWeight, attributeWeight, vectorWeight) must not all be 0");
        if (!Enum.IsDefined(AttributeMatch)) problems.Add($"attributeMatch must be Jaccard or Equality, got {AttributeMatch}");
        if (MaxTerms is < 1) problems.Add(Format($"maxTerms must be at least 1 (or null for all), got {MaxTerms}"));
        if (Positions is < 1) problems.Add(Format($"positions must be at least 1 (or null for the whole depth), got {Positions}"));
    }
}
