using System.Globalization;
using LuceneReco.Index.Analysis;
using LuceneReco.Index.Documents;

namespace LuceneReco.Index.Search;

/// <summary>
/// Turns user query text into a <see cref="Query"/>, a small subset of Lucene's classic syntax:
/// words (any of them may match), <c>"a phrase"</c>, <c>+required</c>, <c>-excluded</c> and
/// <c>field:word</c>. Words are analysed with each field's analyzer and searched in every default
/// field (as Lucene's MultiFieldQueryParser does). Filters are given apart, as <c>field=value</c>
/// for keyword fields and <c>field=min..max</c> (either bound may be empty) for numeric ones.
/// </summary>
public sealed class QueryParser
{
    private readonly IndexSchema _schema;
    private readonly IReadOnlyList<string> _fields;
    private readonly Func<string, string, IReadOnlyList<string>> _analyze;

    /// <summary>Creates a parser searching <paramref name="defaultFields"/> (null: every text field).</summary>
    /// <exception cref="ArgumentException">A default field is unknown or not a text field.</exception>
    public QueryParser(IndexSchema schema, IReadOnlyList<string>? defaultFields = null)
        : this(schema, defaultFields, (field, text) => Analyzers.ByName(schema.Find(field)!.Analyzer).Terms(text)) { }

    /// <summary>Creates a parser whose words are analysed by <paramref name="analyze"/> (field, text to terms): another backend's analyzers.</summary>
    public QueryParser(IndexSchema schema, IReadOnlyList<string>? defaultFields, Func<string, string, IReadOnlyList<string>> analyze)
    {
        _schema = schema;
        _analyze = analyze ?? throw new ArgumentNullException(nameof(analyze));
        _fields = defaultFields ?? schema.Fields.Where(f => f.Kind == FieldKind.Text).Select(f => f.Name).ToList();
        if (_fields.Count == 0) throw new ArgumentException("The index has no text field to search.");
        foreach (var f in _fields) TextField(f);
    }

    /// <summary>Parses <paramref name="text"/> with <paramref name="filters"/> (<c>field=value</c>, <c>field=min..max</c>).</summary>
    /// <exception cref="ArgumentException">Empty query, nothing left after analysis, unknown field, or a malformed filter.</exception>
    public Query Parse(string text, IReadOnlyList<string>? filters = null)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("The query is empty.");
        var clauses = new List<BooleanClause>();
        foreach (var (token, occur, phrase) in Tokenize(text))
        {
            var (fields, body) = SplitField(token);
            var perField = new List<Query>();
            foreach (var field in fields)
            {
                var terms = _analyze(field, body);
                if (terms.Count == 0) continue;
                perField.Add(phrase && terms.Count > 1
                    ? new PhraseQuery(field, terms)
                    : terms.Count == 1 ? new TermQuery(field, terms[0])
                    : new BooleanQuery(terms.Select(t => new BooleanClause(new TermQuery(field, t), Occur.Should)).ToList()));
            }
            if (perField.Count == 0) continue; // only stop words
            Query q = perField.Count == 1 ? perField[0] : new BooleanQuery(perField.Select(p => new BooleanClause(p, Occur.Should)).ToList());
            clauses.Add(new BooleanClause(q, occur));
        }
        if (clauses.Count == 0 || clauses.All(c => c.Occur == Occur.MustNot))
            throw new ArgumentException($"The query '{text}' has no searchable words (only stop words or exclusions).");
        clauses = Flatten(clauses);
        if (filters is not { Count: > 0 }) return new BooleanQuery(clauses);
        // Filters narrow the query's hits and never change its match rule or scores (as Elasticsearch's bool query with the
        // query as "must" and the filters as "filter"): without a required word, at least one word must still match, where a
        // bare Lucene BooleanQuery would make every should clause optional once a filter clause is there.
        int minimumShouldMatch = clauses.Any(c => c.Occur == Occur.Must) ? 0 : 1;
        foreach (var f in filters) clauses.Add(new BooleanClause(ParseFilter(f), Occur.Filter));
        return new BooleanQuery(clauses, minimumShouldMatch);
    }

    /// <summary>A filter clause from <c>field=value</c> (keyword) or <c>field=min..max</c> (numeric).</summary>
    public Query ParseFilter(string filter)
    {
        int eq = filter.IndexOf('=');
        if (eq <= 0 || eq == filter.Length - 1) throw new ArgumentException($"Filter '{filter}' must look like field=value or field=min..max.");
        string name = filter[..eq], value = filter[(eq + 1)..];
        var def = _schema.Find(name) ?? throw new ArgumentException($"Filter field '{name}' is not in the schema (fields: {string.Join(", ", _schema.Fields.Select(f => f.Name))}).");
        switch (def.Kind)
        {
            case FieldKind.Keyword:
                return new TermQuery(name, value);
            case FieldKind.Numeric:
                int dots = value.IndexOf("..", StringComparison.Ordinal);
                string lo = dots < 0 ? value : value[..dots], hi = dots < 0 ? value : value[(dots + 2)..];
                return new NumericRangeQuery(name, ParseBound(name, lo), ParseBound(name, hi));
            default:
                throw new ArgumentException($"Filter field '{name}' is a {def.Kind.ToString().ToLowerInvariant()} field; filters take keyword or numeric fields.");
        }
    }

    private static double? ParseBound(string field, string s)
    {
        if (s.Length == 0) return null;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw new ArgumentException($"Filter on '{field}': '{s}' is not a number.");
    }

    /// <summary>Plain Should clauses of Should term disjunctions become one flat disjunction (same scores, faster path).</summary>
    private static List<BooleanClause> Flatten(List<BooleanClause> clauses)
    {
        if (clauses.Any(c => c.Occur != Occur.Should)) return clauses;
        var flat = new List<BooleanClause>();
        foreach (var c in clauses)
        {
            if (c.Query is TermQuery) flat.Add(c);
            else if (c.Query is BooleanQuery { MinimumShouldMatch: 0 } b && b.Boost == 1f && b.Clauses.All(x => x.Occur == Occur.Should && x.Query is TermQuery))
                flat.AddRange(b.Clauses);
            else return clauses;
        }
        return flat;
    }

    private (IReadOnlyList<string> Fields, string Body) SplitField(string token)
    {
        int colon = token.IndexOf(':');
        if (colon > 0 && _schema.Find(token[..colon]) is { } def)
        {
            if (def.Kind != FieldKind.Text) throw new ArgumentException($"'{def.Name}' is not a text field; use a filter (--filter {def.Name}=value) for keyword and numeric fields.");
            return ([def.Name], token[(colon + 1)..]);
        }
        if (colon > 0 && LooksLikeField(token, colon))
            throw new ArgumentException($"'{token[..colon]}' in '{token}' is not a field of the index (text fields: {string.Join(", ", _fields)}); to search the words, leave out the ':'.");
        return (_fields, token);
    }

    /// <summary>Whether <c>name:word</c> was meant as a field query: an identifier-like name and a word (not "http://...").</summary>
    private static bool LooksLikeField(string token, int colon)
    {
        if (colon + 1 >= token.Length || !char.IsLetterOrDigit(token[colon + 1]) && token[colon + 1] != '"') return false;
        if (!char.IsAsciiLetter(token[0]) && token[0] != '_') return false;
        for (int i = 1; i < colon; i++)
            if (!char.IsAsciiLetterOrDigit(token[i]) && token[i] is not ('_' or '-' or '.')) return false;
        return true;
    }

    private static IEnumerable<(string Token, Occur Occur, bool Phrase)> Tokenize(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length) yield break;
            var occur = Occur.Should;
            if (text[i] is '+' or '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                occur = text[i] == '+' ? Occur.Must : Occur.MustNot;
                i++;
            }
            int start = i;
            int quote = text.IndexOf('"', i);
            int space = i;
            while (space < text.Length && !char.IsWhiteSpace(text[space])) space++;
            if (quote >= 0 && quote < space)
            {
                int close = text.IndexOf('"', quote + 1);
                if (close < 0) throw new ArgumentException($"Unclosed quote in query '{text}'.");
                string prefix = text[start..quote];
                yield return (prefix + text[(quote + 1)..close], occur, true);
                i = close + 1;
            }
            else
            {
                yield return (text[start..space], occur, false);
                i = space;
            }
        }
    }

    private FieldDefinition TextField(string name)
    {
        var def = _schema.Find(name) ?? throw new ArgumentException($"Unknown field '{name}' (fields: {string.Join(", ", _schema.Fields.Select(f => f.Name))}).");
        if (def.Kind != FieldKind.Text) throw new ArgumentException($"Field '{name}' is not a text field.");
        return def;
    }
}
