using LuceneReco.Index.Documents;
using LuceneReco.Index.Tests.Search;

namespace LuceneReco.Index.Tests.Search.MoreLikeThis;

/// <summary>
/// Tiny indexes for MoreLikeThis tests: text fields title and body (english analyzer, term vectors),
/// notes (english, stored, no term vectors) and a keyword field tags. Docs get ids "d0", "d1", ...
/// </summary>
internal static class MltIndex
{
    public static readonly IndexSchema Schema = new([
        new FieldDefinition("title", FieldKind.Text),
        new FieldDefinition("body", FieldKind.Text),
        new FieldDefinition("notes", FieldKind.Text) { TermVectors = false },
        new FieldDefinition("tags", FieldKind.Keyword),
    ]);

    /// <summary>Indexes (title, body) pairs as d0, d1, ... and deletes the ids in <paramref name="deleted"/>; returns a reader of the commit.</summary>
    public static IndexReader Build(TempDir dir, IEnumerable<(string Title, string Body)> docs, params string[] deleted)
    {
        using (var w = IndexWriter.Open(dir.Path, new IndexWriterOptions { Schema = Schema }))
        {
            int i = 0;
            foreach (var (title, body) in docs)
            {
                var doc = new Document("d" + i++);
                if (title.Length > 0) doc.Add("title", title);
                if (body.Length > 0) doc.Add("body", body);
                w.Add(doc);
            }
            foreach (var id in deleted) w.Delete(id);
            w.Commit();
        }
        return IndexReader.Open(dir.Path);
    }

    /// <summary>Bodies only (empty titles).</summary>
    public static IndexReader Bodies(TempDir dir, params string[] bodies) => Build(dir, bodies.Select(b => ("", b)));

    /// <summary>The analyzed form of a word.</summary>
    public static string T(string word) => SmallIndex.Term(word);
}
