using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Diversity.Vectors;

/// <summary>
/// The titles of one request's candidates, read at most once each and only when an explanation names them: the first value
/// of the title field, or the item id when there is none (or no title field is configured).
/// </summary>
internal sealed class TitleCache(IItemCatalog items, IReadOnlyList<string> ids, string? titleField)
{
    private readonly string?[] _titles = new string?[ids.Count];

    /// <summary>Keeps candidate <paramref name="i"/>'s title from fields that were read for another reason.</summary>
    public void Offer(int i, IReadOnlyDictionary<string, IReadOnlyList<string>> fields) => _titles[i] ??= From(i, fields);

    public string Of(int i) => _titles[i] ??= From(i, titleField is null ? null : items.Fields(ids[i]));

    private string From(int i, IReadOnlyDictionary<string, IReadOnlyList<string>>? fields) =>
        titleField is not null && fields is not null && fields.TryGetValue(titleField, out IReadOnlyList<string>? values)
        && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0])
            ? values[0]
            : ids[i];
}
