namespace LuceneReco.Index.Documents;

/// <summary>
/// An item to index: a unique string id and field values. Which values are analyzed, filtered on or
/// stored is decided by the index's <see cref="IndexSchema"/>; values of fields the schema does not
/// name are rejected when the document is added.
/// </summary>
public sealed class Document
{
    private readonly List<(string Field, string Value)> _strings = new();
    private readonly List<(string Field, double Value)> _numbers = new();

    /// <summary>Creates a document with the given id.</summary>
    /// <exception cref="ArgumentException">The id is empty or longer than 1,024 characters.</exception>
    public Document(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length == 0 || id.Length > 1024)
            throw new ArgumentException($"A document id must be 1 to 1,024 characters; got {id.Length}.", nameof(id));
        Id = id;
    }

    /// <summary>The unique id.</summary>
    public string Id { get; }

    /// <summary>Text and keyword values in the order they were added (a keyword field may repeat).</summary>
    public IReadOnlyList<(string Field, string Value)> Strings => _strings;

    /// <summary>Numeric values in the order they were added.</summary>
    public IReadOnlyList<(string Field, double Value)> Numbers => _numbers;

    /// <summary>Adds a text, keyword or stored-only value.</summary>
    public Document Add(string field, string value)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(value);
        _strings.Add((field, value));
        return this;
    }

    /// <summary>Adds a numeric value.</summary>
    public Document Add(string field, double value)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Numeric field '{field}' needs a finite number.");
        _numbers.Add((field, value));
        return this;
    }

    /// <summary>The first string value of <paramref name="field"/>, or null.</summary>
    public string? Get(string field)
    {
        foreach (var (f, v) in _strings)
            if (f == field) return v;
        return null;
    }
}
