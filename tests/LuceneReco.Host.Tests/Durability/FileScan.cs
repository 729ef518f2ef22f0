using System.Text;

namespace LuceneReco.Host.Tests.Durability;

/// <summary>Like <c>grep -a -r -l</c>: the files under a folder whose bytes contain a string (UTF-8 or UTF-16), read as raw bytes.</summary>
internal static class FileScan
{
    /// <summary>Every file under <paramref name="root"/> (database, -wal, -shm, journals, logs, state) whose bytes hold <paramref name="text"/>.</summary>
    public static List<string> FilesHolding(string root, string text)
    {
        var needles = new[] { Encoding.UTF8.GetBytes(text), Encoding.Unicode.GetBytes(text), Encoding.BigEndianUnicode.GetBytes(text) };
        var hits = new List<string>();
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            // The index's write.lock is held exclusively by the running writer (and holds only its process id).
            if (Path.GetFileName(path) == "write.lock") continue;
            byte[] bytes;
            try { bytes = File.ReadAllBytes(path); }
            catch (FileNotFoundException) { continue; } // removed while scanning (a probe or a checkpointed log): holds nothing
            foreach (var needle in needles)
            {
                if (bytes.AsSpan().IndexOf(needle) < 0) continue;
                hits.Add($"{Path.GetRelativePath(root, path)} ({bytes.Length} bytes)");
                break;
            }
        }
        return hits;
    }
}
