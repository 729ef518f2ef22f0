using System.Text.RegularExpressions;
using LuceneReco.Index;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// What explanations show of an item: its title (an id only where it has none) and, for an index term, the word of the
/// item's own stored text that the term came from ("stories" for the stem "stori"), so that no stem reaches a person.
/// Runs only for requests that ask for explanations.
/// </summary>
internal static partial class ItemWords
{
    /// <summary>The stored fields tried for an item's title, in order.</summary>
    private static readonly string[] TitleFields = ["title", "name"];

    /// <summary>A word longer than this (a run of CJK text without spaces) is not shown whole; the term itself is, where the text holds it.</summary>
    private const int MaxWordLength = 30;

    /// <summary>The item's title, else its name, else its id.</summary>
    public static string Title(IRecallView reader, int doc)
    {
        var stored = reader.Stored(doc);
        foreach (string field in TitleFields)
            if (stored.Get(field) is { Length: > 0 } title) return title;
        return reader.IdOf(doc);
    }

    /// <summary>At most this many words are named in one reason; the rest are counted.</summary>
    public const int MaxWords = 5;

    /// <summary>
    /// For each (field, term) pair, the word of <paramref name="doc"/>'s stored text in that field whose analysis gives the
    /// term, grouped by field in the schema's order (the title before the body), each word once across fields (the title's
    /// "Orbit" is not repeated as the body's "orbit"). A term with no such word (the field is not stored) is left out.
    /// </summary>
    public static List<(string Field, List<string> Words)> Surface(IRecallView reader, int doc, IReadOnlyList<(string Field, string Term)> matched)
    {
        var result = new List<(string Field, List<string> Words)>();
        if (matched.Count == 0) return result;
        var stored = reader.Stored(doc);
        var shown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in reader.Schema.Fields)
        {
            string field = definition.Name;
            var wanted = new List<string>();
            foreach (var (f, t) in matched)
                if (f == field && !wanted.Contains(t)) wanted.Add(t);
            if (wanted.Count == 0) continue;
            var words = WordsFor(reader, definition, stored, field, wanted);
            words.RemoveAll(w => !shown.Add(w));
            result.Add((field, words));
        }
        return result;
    }

    /// <summary>The words, in the order of <paramref name="terms"/>, distinct; each word analysed as the view's backend analyses the field.</summary>
    private static List<string> WordsFor(IRecallView reader, FieldDefinition? definition, Document stored, string field, List<string> terms)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (definition is not null)
        {
            bool analysed = definition.Kind == FieldKind.Text;
            foreach (var (f, value) in stored.Strings)
            {
                if (f != field) continue;
                if (!analysed)
                {
                    foreach (string t in terms) // a keyword field's term is its whole value
                        if (!found.ContainsKey(t) && string.Equals(value, t, StringComparison.OrdinalIgnoreCase)) found[t] = value;
                    continue;
                }
                foreach (Match word in Word().Matches(value))
                {
                    if (found.Count == terms.Count) break;
                    foreach (string term in reader.Analyze(field, word.Value))
                    {
                        if (found.ContainsKey(term) || !terms.Contains(term)) continue;
                        found[term] = word.Length <= MaxWordLength ? word.Value : Literal(value, term) ?? "";
                    }
                }
                foreach (string t in terms)
                    if (!found.ContainsKey(t) && Literal(value, t) is { } literal) found[t] = literal;
            }
        }
        var words = new List<string>(terms.Count);
        foreach (string t in terms)
            if (found.TryGetValue(t, out string? w) && w.Length > 0 && !words.Contains(w, StringComparer.OrdinalIgnoreCase)) words.Add(w);
        return words;
    }

    /// <summary>The term as the text writes it (its case), where the text holds it literally.</summary>
    private static string? Literal(string text, string term)
    {
        int at = text.IndexOf(term, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : text.Substring(at, term.Length);
    }

    /// <summary>
    /// <c>matches "Toy", "Story" in the title; "toys" in the body</c>: the matched words by field, at most
    /// <see cref="MaxWords"/> of them; empty when no word can be shown (the caller then says less).
    /// </summary>
    public static string Describe(string verb, List<(string Field, List<string> Words)> byField)
    {
        var parts = new List<string>(byField.Count);
        int named = 0, more = 0;
        foreach (var (field, words) in byField)
        {
            if (words.Count == 0) continue;
            var quoted = new List<string>(words.Count);
            foreach (string w in words)
            {
                if (named < MaxWords) { quoted.Add('"' + w + '"'); named++; }
                else more++;
            }
            if (quoted.Count > 0) parts.Add($"{string.Join(", ", quoted)} in the {field}");
        }
        if (parts.Count == 0) return "";
        string text = verb + " " + string.Join("; ", parts);
        return more == 0 ? text : $"{text} (and {more} more {(more == 1 ? "word" : "words")})";
    }

    /// <summary>Every word of <paramref name="byField"/>, once, in order.</summary>
    public static List<string> AllWords(List<(string Field, List<string> Words)> byField)
    {
        var all = new List<string>();
        foreach (var (_, words) in byField)
            foreach (string w in words)
                if (!all.Contains(w, StringComparer.OrdinalIgnoreCase)) all.Add(w);
        return all;
    }

    /// <summary>A word as people see one: letters, marks and digits, with inner hyphens, apostrophes and dots ("sci-fi", "Toy's", "U.S.").</summary>
    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*")]
    private static partial Regex Word();
}
