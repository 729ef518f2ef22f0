using Lucene.Net.Index;
using Lucene.Net.Store;
using IndexNotFoundException = LuceneReco.Index.Store.IndexNotFoundException;

namespace LuceneReco.Index.LuceneNet;

/// <summary>
/// <c>index check</c> on the Lucene.Net backend: Lucene.Net's own <see cref="CheckIndex"/> over the last commit (every
/// segment opened, its postings, norms, stored fields, term vectors and doc values read back), and the schema file
/// beside it parsed. One <see cref="FileCheck"/> per segment, named as Lucene names it.
/// </summary>
public static class LuceneNetIndexChecker
{
    /// <summary>Checks the Lucene.Net index at <paramref name="directory"/>; reports damage rather than throwing for it.</summary>
    /// <param name="directory">The index directory.</param>
    /// <param name="log">Receives CheckIndex's own report when given.</param>
    /// <exception cref="IndexNotFoundException">There is no commit at all.</exception>
    public static IReadOnlyList<FileCheck> Check(string directory, TextWriter? log = null)
    {
        directory = Path.GetFullPath(directory);
        var results = new List<FileCheck>();
        string schemaFile = Path.Combine(directory, LuceneNetSchema.FileName);
        if (File.Exists(schemaFile))
        {
            string? problem = null;
            try { LuceneNetSchema.Load(schemaFile); }
            catch (FormatException e) { problem = e.Message; }
            results.Add(new FileCheck(LuceneNetSchema.FileName, new FileInfo(schemaFile).Length, problem));
        }
        using var dir = FSDirectory.Open(directory);
        if (!DirectoryReader.IndexExists(dir)) throw new IndexNotFoundException(directory);
        var checker = new CheckIndex(dir);
        if (log is not null) checker.InfoStream = log;
        var status = checker.DoCheckIndex();
        if (status.MissingSegments || status.CantOpenSegments)
        {
            results.Add(new FileCheck(status.SegmentsFileName ?? "segments_N", 0, status.MissingSegments ? "no segments file could be read" : "the segments file could not be opened"));
            return results;
        }
        results.Add(new FileCheck(status.SegmentsFileName, Length(dir, status.SegmentsFileName), null));
        foreach (var s in status.SegmentInfos)
        {
            var problems = new List<string>();
            if (!s.OpenReaderPassed) problems.Add("the segment could not be opened");
            AddError(problems, "norms", s.FieldNormStatus?.Error);
            AddError(problems, "postings", s.TermIndexStatus?.Error);
            AddError(problems, "stored fields", s.StoredFieldStatus?.Error);
            AddError(problems, "term vectors", s.TermVectorStatus?.Error);
            AddError(problems, "doc values", s.DocValuesStatus?.Error);
            results.Add(new FileCheck($"segment {s.Name} ({s.DocCount} docs)", (long)(s.SizeMB * 1024 * 1024), problems.Count == 0 ? null : string.Join("; ", problems)));
        }
        if (!status.Clean && results.All(r => r.Problem is null))
            results.Add(new FileCheck(status.SegmentsFileName, 0, $"CheckIndex found {status.NumBadSegments} bad segments"));
        return results;
    }

    private static void AddError(List<string> problems, string part, Exception? error)
    {
        if (error is not null) problems.Add($"{part}: {error.Message}");
    }

    private static long Length(Lucene.Net.Store.Directory dir, string file) => dir.ListAll().Contains(file) ? dir.FileLength(file) : 0;
}
