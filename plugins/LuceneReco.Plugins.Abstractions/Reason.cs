namespace LuceneReco.Plugins;

/// <summary>
/// One reason an item is in a result, in the format every source and stage writes (DESIGN.md, "Explanations").
/// <see cref="Text"/> is for people: words as they appear in the item (never a stem), other items by title, the user's
/// events by their own kind ("you rated"), no arithmetic. The arithmetic goes to <see cref="Candidate.DebugLines"/>.
/// </summary>
/// <param name="Source">The recall source or stage that wrote it (e.g. "search", "als", "mmr").</param>
/// <param name="Text">The reason in words, one line.</param>
public sealed record Reason(string Source, string Text)
{
    /// <summary>
    /// What sort of reason: <c>match</c> (words of the query or profile), <c>similar</c> (like another item),
    /// <c>history</c> (the user's events), <c>popular</c>, <c>new</c>, <c>moved</c> (a stage changed its place), or a
    /// stage's own word. <value>The default is <c>reason</c>.</value>
    /// </summary>
    public string Kind { get; init; } = "reason";

    /// <summary>The reason's share of the final score, or the places it moved the item, when known. <value>The default is <c>null</c>.</value></summary>
    public double? Contribution { get; init; }

    /// <summary>The ids of the other items the reason names (history items, the item a list is similar to). <value>The default is <c>null</c>.</value></summary>
    public IReadOnlyList<string>? Items { get; init; }

    /// <summary>The words the reason names, as they appear in the item. <value>The default is <c>null</c>.</value></summary>
    public IReadOnlyList<string>? Terms { get; init; }

    /// <summary>The line people read: <c>source: text</c>.</summary>
    public override string ToString() => $"{Source}: {Text}";
}
