using System.IO.Compression;
using LuceneReco.Plugins;

namespace LuceneReco.DiversityBench;

/// <summary>
/// The Debian package corpus (<c>../shared/bench/corpus/debian.tsv.gz</c>: id, title, body, section, tags) in memory as an
/// <see cref="IItemCatalog"/>: term vectors of title and body by a lowercase split on anything but letters and digits
/// (terms of two characters or more), document frequencies over the whole corpus, section and tags as keyword fields.
/// </summary>
internal sealed class CorpusCatalog : IItemCatalog
{
    private static readonly string[] TextFields = ["title", "body"];
    private readonly Dictionary<string, Dictionary<string, IReadOnlyList<string>>> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KeyValuePair<string, int>[]>[] _vectors = [new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
    private readonly Dictionary<string, int>[] _docFreq = [new(StringComparer.Ordinal), new(StringComparer.Ordinal)];

    public List<string> Ids { get; } = [];

    public static CorpusCatalog Load(string path)
    {
        var catalog = new CorpusCatalog();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        string[] header = reader.ReadLine()!.Split('\t');
        int title = Array.IndexOf(header, "title"), body = Array.IndexOf(header, "body"), section = Array.IndexOf(header, "section"), tags = Array.IndexOf(header, "tags");
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            string[] cols = line.Split('\t');
            if (cols.Length < header.Length) continue;
            string id = cols[0];
            catalog.Ids.Add(id);
            catalog._fields[id] = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
            {
                ["title"] = [cols[title]],
                ["body"] = [cols[body]],
                ["section"] = cols[section].Length > 0 ? [cols[section]] : [],
                ["tags"] = cols[tags].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            };
            catalog.Index(0, id, cols[title]);
            catalog.Index(1, id, cols[body]);
        }
        return catalog;
    }

    private void Index(int field, string id, string text)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool word = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (word && start < 0) start = i;
            else if (!word && start >= 0)
            {
                if (i - start >= 2)
                {
                    string term = text[start..i].ToLowerInvariant();
                    counts[term] = counts.GetValueOrDefault(term) + 1;
                }
                start = -1;
            }
        }
        _vectors[field][id] = [.. counts];
        foreach (string term in counts.Keys) _docFreq[field][term] = _docFreq[field].GetValueOrDefault(term) + 1;
    }

    public int Count => _fields.Count;

    public bool Contains(string itemId) => _fields.ContainsKey(itemId);

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(string itemId) =>
        _fields.TryGetValue(itemId, out var f) ? f : new Dictionary<string, IReadOnlyList<string>>();

    public double? Number(string itemId, string field) => null;

    public IReadOnlyList<KeyValuePair<string, int>> TermVector(string itemId, string field)
    {
        int f = Array.IndexOf(TextFields, field);
        return f >= 0 && _vectors[f].TryGetValue(itemId, out var v) ? v : [];
    }

    public int DocFreq(string field, string term)
    {
        int f = Array.IndexOf(TextFields, field);
        return f >= 0 ? _docFreq[f].GetValueOrDefault(term) : 0;
    }
}
