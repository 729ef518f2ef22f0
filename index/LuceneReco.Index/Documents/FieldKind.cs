namespace LuceneReco.Index.Documents;

/// <summary>How a field is indexed.</summary>
public enum FieldKind
{
    /// <summary>Analyzed free text: postings with frequencies and positions, a length norm, and optionally term vectors.</summary>
    Text,
    /// <summary>Exact values (several per document allowed), usable as filters and as ranking attributes; not analyzed.</summary>
    Keyword,
    /// <summary>A number per document, for filters and ranking features.</summary>
    Numeric,
    /// <summary>Stored with the document and returned with results, but not searchable.</summary>
    StoredOnly,
}
