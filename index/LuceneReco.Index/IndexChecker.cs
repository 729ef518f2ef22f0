using LuceneReco.Index.Segments;
using LuceneReco.Index.Store;
using LuceneReco.Index.Vectors;

namespace LuceneReco.Index;

/// <summary>The outcome of checking one file.</summary>
/// <param name="File">File name within the index directory.</param>
/// <param name="Bytes">Its length (0 when missing).</param>
/// <param name="Problem">Null when every byte checked out; otherwise what is wrong.</param>
public sealed record FileCheck(string File, long Bytes, string? Problem);

/// <summary>
/// Verifies every byte of every file of the last commit, as Lucene's CheckIndex does: framing and
/// checksum of each file, then the structure of each segment whose files are intact.
/// </summary>
public static class IndexChecker
{
    /// <summary>Checks the index at <paramref name="directory"/>; reports damage rather than throwing for it.</summary>
    /// <exception cref="IndexNotFoundException">There is no commit at all.</exception>
    public static IReadOnlyList<FileCheck> Check(string directory)
    {
        directory = Path.GetFullPath(directory);
        var results = new List<FileCheck>();
        long generation = CommitPoint.LatestGeneration(directory);
        if (generation == 0) throw new IndexNotFoundException(directory);
        CommitPoint commit;
        string commitName = CommitPoint.FileNameOf(generation);
        try { commit = CommitPoint.Read(directory, generation); }
        catch (CorruptIndexException e)
        {
            results.Add(new FileCheck(commitName, Length(directory, commitName), e.Reason));
            return results;
        }
        results.Add(new FileCheck(commitName, Length(directory, commitName), null));

        foreach (var info in commit.Segments)
        {
            bool intact = true;
            foreach (var ext in SegmentInfo.Extensions)
                intact &= CheckFile(directory, $"{info.Name}.{ext}", SegmentCore.CodecOf(ext), results);
            if (info.DeletesFile is { } del) intact &= CheckFile(directory, del, "Seg.liv", results);
            if (info.VectorsFile is { } vec && commit.Vectors is { } space && CheckFile(directory, vec, SegmentVectors.CodecName, results))
            {
                try { SegmentVectors.Read(Path.Combine(directory, vec), space, info.MaxDoc); }
                catch (CorruptIndexException e) { Replace(results, e.FilePath, e.Reason + (e.Offset >= 0 ? $" (offset {e.Offset})" : "")); }
            }
            if (!intact) continue;
            try
            {
                var core = SegmentCore.Load(directory, info, commit.Schema);
                try { core.VerifyStructure(); }
                finally { core.DecRef(); }
                if (info.DeletesFile is { } deletes) LiveDocs.Read(Path.Combine(directory, deletes), info.MaxDoc, info.DelCount);
            }
            catch (CorruptIndexException e) { Replace(results, e.FilePath, e.Reason + (e.Offset >= 0 ? $" (offset {e.Offset})" : "")); }
        }
        return results;
    }

    private static bool CheckFile(string directory, string name, string codec, List<FileCheck> results)
    {
        string path = Path.Combine(directory, name);
        try
        {
            IndexInput.Open(path, codec);
            results.Add(new FileCheck(name, Length(directory, name), null));
            return true;
        }
        catch (CorruptIndexException e)
        {
            results.Add(new FileCheck(name, Length(directory, name), e.Reason + (e.Offset >= 0 ? $" (offset {e.Offset})" : "")));
            return false;
        }
        catch (IOException e)
        {
            results.Add(new FileCheck(name, Length(directory, name), "unreadable: " + e.Message));
            return false;
        }
    }

    private static void Replace(List<FileCheck> results, string file, string problem)
    {
        string name = Path.GetFileName(file);
        int i = results.FindIndex(r => r.File == name);
        if (i >= 0) results[i] = results[i] with { Problem = problem };
        else results.Add(new FileCheck(name, 0, problem));
    }

    private static long Length(string directory, string name)
    {
        var fi = new FileInfo(Path.Combine(directory, name));
        return fi.Exists ? fi.Length : 0;
    }
}
