using System.Globalization;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Store;
using LuceneReco.Index.Vectors;

namespace LuceneReco.Index.Segments;

/// <summary>
/// A commit: <c>segments_N</c> lists the schema and the segments (with their deletes generation).
/// Written to a pending file, fsynced, then renamed into place, so a crash leaves either the old or the
/// new commit, never half of one. The highest N present is the current commit. When the index has dense vectors,
/// a trailing section names their space (model, dimension) and each segment's vectors generation; a commit
/// without it (every index before vectors) ends after the segments.
/// </summary>
internal sealed record CommitPoint(long Generation, long SegmentCounter, IndexSchema Schema, IReadOnlyList<SegmentInfo> Segments,
    VectorSpace? Vectors = null)
{
    private const string CodecName = "Commit";
    public const string Prefix = "segments_";

    public string FileName => FileNameOf(Generation);

    public static string FileNameOf(long generation) => Prefix + generation.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>Every file this commit needs, including its own.</summary>
    public IEnumerable<string> FileNames() => Segments.SelectMany(s => s.FileNames()).Append(FileName);

    /// <summary>The generation of the newest <c>segments_N</c> in <paramref name="directory"/>, or 0.</summary>
    public static long LatestGeneration(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) return 0;
        long best = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, Prefix + "*"))
        {
            var name = Path.GetFileName(path);
            if (long.TryParse(name.AsSpan(Prefix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long g))
                best = Math.Max(best, g);
        }
        return best;
    }

    /// <summary>Reads the newest commit; throws <see cref="IndexNotFoundException"/> when there is none.</summary>
    public static CommitPoint ReadLatest(string directory)
    {
        long gen = LatestGeneration(directory);
        if (gen == 0) throw new IndexNotFoundException(directory);
        return Read(directory, gen);
    }

    public static CommitPoint Read(string directory, long generation)
    {
        var input = IndexInput.Open(Path.Combine(directory, FileNameOf(generation)), CodecName);
        long storedGen = input.ReadVLong();
        if (storedGen != generation) throw input.Corrupt($"names generation {storedGen}, file name says {generation}");
        long counter = input.ReadVLong();
        IndexSchema schema;
        try { schema = IndexSchema.FromJson(input.ReadString()); }
        catch (FormatException e) { throw new CorruptIndexException(input.Name, input.Position, "schema unreadable: " + e.Message, e); }
        int count = input.ReadVInt();
        var segments = new List<SegmentInfo>(count);
        for (int i = 0; i < count; i++)
        {
            var info = new SegmentInfo(input.ReadString(), input.ReadVInt(), input.ReadVLong(), input.ReadVInt());
            if (info.DelCount > info.MaxDoc) throw input.Corrupt($"segment {info.Name} has more deletes than documents");
            segments.Add(info);
        }
        VectorSpace? vectors = null;
        if (input.Position < input.End)
        {
            string model = input.ReadString();
            int dimension = input.ReadVInt();
            if (string.IsNullOrWhiteSpace(model) || dimension is < 1 or > VectorSpace.MaxDimension)
                throw input.Corrupt($"names an impossible vector space ('{model}', {dimension} dimensions)");
            vectors = new VectorSpace(model, dimension);
            for (int i = 0; i < count; i++)
            {
                long vecGen = input.ReadVLong();
                if (vecGen > generation) throw input.Corrupt($"segment {segments[i].Name} names vectors of a later generation ({vecGen})");
                segments[i] = segments[i] with { VecGen = vecGen };
            }
        }
        input.ExpectEnd();
        return new CommitPoint(generation, counter, schema, segments, vectors);
    }

    /// <summary>Writes this commit durably: pending file, fsync, atomic rename, directory fsync.</summary>
    public void Write(string directory)
    {
        string pending = Path.Combine(directory, "pending_" + FileName);
        if (File.Exists(pending)) File.Delete(pending);
        using (var output = new IndexOutput(pending, CodecName))
        {
            output.WriteVLong(Generation);
            output.WriteVLong(SegmentCounter);
            output.WriteString(Schema.ToJson());
            output.WriteVInt(Segments.Count);
            foreach (var s in Segments)
            {
                output.WriteString(s.Name);
                output.WriteVInt(s.MaxDoc);
                output.WriteVLong(s.DelGen);
                output.WriteVInt(s.DelCount);
            }
            if (Vectors is { } space)
            {
                output.WriteString(space.Model);
                output.WriteVInt(space.Dimension);
                foreach (var s in Segments) output.WriteVLong(s.VecGen);
            }
            else if (Segments.Any(s => s.VecGen != 0))
                throw new InvalidOperationException("a commit without a vector space cannot name vectors files");
            output.Complete();
        }
        FileSystem.AtomicRename(pending, Path.Combine(directory, FileName));
    }
}
