using Lucene.Net.Index;
using LuceneIndexReader = Lucene.Net.Index.IndexReader;

namespace LuceneReco.Index.LuceneNet;

/// <summary>Checks an attach schema against the index it names: every problem at once, and the warnings to give once.</summary>
internal static class LuceneNetAttachCheck
{
    /// <summary>Which text fields keep term vectors, and the warnings; throws <see cref="ArgumentException"/> listing every error.</summary>
    public static (Dictionary<string, bool> Vectors, List<string> Warnings) Check(string directory, LuceneNetSchema schema, LuceneIndexReader reader)
    {
        var infos = MultiFields.GetMergedFieldInfos(reader);
        var errors = new List<string>();
        var warnings = new List<string>();
        var vectors = new Dictionary<string, bool>(StringComparer.Ordinal);
        string known = string.Join(", ", infos.Select(i => i.Name).Order(StringComparer.Ordinal));
        bool empty = reader.MaxDoc == 0;
        var id = infos.FieldInfo(schema.IdField);
        if (id is null && !empty) errors.Add($"the id field '{schema.IdField}' is not in the index (its fields: {known})");
        else if (id is { IsIndexed: false }) errors.Add($"the id field '{schema.IdField}' is not indexed, so items cannot be found by id");
        foreach (var f in schema.Fields)
        {
            var info = infos.FieldInfo(f.Name);
            if (info is null)
            {
                if (!empty) errors.Add($"field '{f.Name}' is not in the index (its fields: {known})");
                vectors[f.Name] = f.Kind == "text" && f.TermVectors;
                continue;
            }
            if (f.Kind is "text" or "keyword" or "numeric" && !info.IsIndexed)
                errors.Add($"field '{f.Name}' is named {f.Kind} but is not indexed in the index (only stored); name it \"stored\"");
            if (f.Kind != "text") continue;
            vectors[f.Name] = info.HasVectors;
            if (!info.HasVectors)
                warnings.Add(f.Stored
                    ? $"field '{f.Name}' has no term vectors in {directory}; MoreLikeThis re-analyses its stored text with the {f.AnalyzerName} analyzer (slower; the same terms if that is the analyzer the index was written with)"
                    : $"field '{f.Name}' has neither term vectors nor stored text in {directory}; MoreLikeThis cannot take terms from it (search still works)");
            if (info.HasVectors && !f.TermVectors)
                warnings.Add($"field '{f.Name}' keeps term vectors in the index although the schema says it does not; they are used");
        }
        if (errors.Count > 0)
            throw new ArgumentException($"The schema does not fit the Lucene.Net index at '{directory}': " + string.Join("; ", errors), nameof(schema));
        return (vectors, warnings);
    }
}
