using System.Globalization;
using System.Text.Json;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Search;
using LuceneReco.Index.Search.MoreLikeThis;

namespace LuceneReco.Host.Cli;

/// <summary>Prints search and "more like this" results as text or JSON, with optional explanations.</summary>
internal static class ResultWriter
{
    /// <summary>One result line's data.</summary>
    public sealed record Row(int Doc, string Id, float Score, IReadOnlyList<InterestingTerm>? Matched, Explanation? Explanation);

    public static void Write(IRecallView reader, IReadOnlyList<Row> rows, long totalHits, IReadOnlyList<InterestingTerm>? terms, bool json, TextWriter output)
    {
        if (json) { WriteJson(reader, rows, totalHits, terms, output); return; }
        if (terms is not null)
            output.WriteLine("terms: " + string.Join(", ", terms.Select(t => $"{t.Term} ({t.Field}, {Num(t.Score)})")));
        if (rows.Count == 0) { output.WriteLine("no results"); return; }
        int idWidth = rows.Max(r => r.Id.Length);
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var title = Title(reader, r.Doc);
            var line = $"{i + 1,3}. {r.Id.PadRight(idWidth)}  {Num(r.Score),9}  {title}";
            if (r.Matched is { Count: > 0 } m) line += $"  [matched: {string.Join(", ", m.Select(t => t.Term).Distinct())}]";
            output.WriteLine(line.TrimEnd());
            if (r.Explanation is { } e)
                foreach (var l in e.ToString().TrimEnd('\n').Split('\n')) output.WriteLine("       " + l);
        }
        output.WriteLine($"{CliFormat.Plural(totalHits, "match", "matches")}, showing {rows.Count}");
    }

    private static string Title(IRecallView reader, int doc)
    {
        var stored = reader.Stored(doc);
        return stored.Get("title") ?? stored.Strings.FirstOrDefault().Value ?? "";
    }

    private static string Num(float v) => v.ToString("0.0000", CultureInfo.InvariantCulture);

    private static void WriteJson(IRecallView reader, IReadOnlyList<Row> rows, long totalHits, IReadOnlyList<InterestingTerm>? terms, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("totalHits", totalHits);
            if (terms is not null)
            {
                w.WriteStartArray("terms");
                foreach (var t in terms) WriteTerm(w, t);
                w.WriteEndArray();
            }
            w.WriteStartArray("hits");
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteString("id", r.Id);
                w.WriteNumber("score", r.Score);
                w.WriteStartObject("fields");
                var stored = reader.Stored(r.Doc);
                foreach (var group in stored.Strings.GroupBy(s => s.Field))
                {
                    var values = group.Select(g => g.Value).ToList();
                    if (values.Count == 1) w.WriteString(group.Key, values[0]);
                    else { w.WriteStartArray(group.Key); foreach (var v in values) w.WriteStringValue(v); w.WriteEndArray(); }
                }
                foreach (var (field, value) in stored.Numbers) w.WriteNumber(field, value);
                w.WriteEndObject();
                if (r.Matched is not null)
                {
                    w.WriteStartArray("matchedTerms");
                    foreach (var t in r.Matched) w.WriteStringValue($"{t.Field}:{t.Term}");
                    w.WriteEndArray();
                }
                if (r.Explanation is { } e) { w.WritePropertyName("explanation"); WriteExplanation(w, e); }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteTerm(Utf8JsonWriter w, InterestingTerm t)
    {
        w.WriteStartObject();
        w.WriteString("field", t.Field);
        w.WriteString("term", t.Term);
        w.WriteNumber("score", t.Score);
        w.WriteNumber("idf", t.Idf);
        w.WriteNumber("docFreq", t.DocFreq);
        w.WriteNumber("tf", t.Tf);
        w.WriteEndObject();
    }

    private static void WriteExplanation(Utf8JsonWriter w, Explanation e)
    {
        w.WriteStartObject();
        w.WriteNumber("value", e.Value);
        w.WriteString("description", e.Description);
        if (e.Details.Count > 0)
        {
            w.WriteStartArray("details");
            foreach (var d in e.Details) WriteExplanation(w, d);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
