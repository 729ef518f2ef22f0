using System.Globalization;
using System.Text;
using LuceneReco.Index;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Vectors;

namespace LuceneReco.CrashWriter;

/// <summary>
/// The crash writer's work, shared with the tests that check what survived a kill. Batch <c>b</c> (from 1)
/// is a pure function of <c>(seed, b)</c>: it adds 10-119 new documents <c>b{b}-{i}</c>, updates (upserts)
/// up to 15 documents of batch b-3, deletes up to 15 of batch b-5, in one batch of five deletes every
/// document still tagged with batch b-7, sets the dense vectors of up to 12 documents of batches b-1 and b-3
/// (so vectors ride along with flushes, merges and deletes), and last writes b into the <see cref="MarkerId"/> document, so the
/// committed index itself says which batch it holds. One batch in eight has long bodies, so the 1 MiB
/// buffer of <see cref="WriterOptions"/> flushes in the middle of a batch; merge factor 3 keeps background
/// merges running most of the time.
/// </summary>
public static class CrashWorkload
{
    /// <summary>The id of the document whose <c>version</c> is the last batch applied.</summary>
    public const string MarkerId = "__batch";

    private static readonly string[] Vocabulary =
        ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima",
         "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray"];

    /// <summary>Title (stored text), body (unstored text with term vectors), tag (keyword: "t{batch}"), version (the batch that wrote it).</summary>
    public static IndexSchema Schema { get; } = new([
        new FieldDefinition("title", FieldKind.Text) { Analyzer = "standard" },
        new FieldDefinition("body", FieldKind.Text) { Analyzer = "standard", Stored = false },
        new FieldDefinition("tag", FieldKind.Keyword),
        new FieldDefinition("version", FieldKind.Numeric),
    ]);

    /// <summary>Small buffer and merge factor, background merges: many flushes and merges per second.</summary>
    public static IndexWriterOptions WriterOptions { get; } = new() { Schema = Schema, RamBufferMb = 1, MergeFactor = 3, BackgroundMerges = true };

    /// <summary>The space of the workload's dense vectors.</summary>
    public static VectorSpace VectorSpace { get; } = new("crash-test", 8);

    /// <summary>The vector a <see cref="BatchOpKind.Vector"/> step of <paramref name="batch"/> sets for <paramref name="id"/> (before normalising).</summary>
    public static float[] VectorOf(int seed, string id, int batch)
    {
        var rng = new Random(unchecked(seed * 131 + StableHash(id) * 7 + batch));
        var v = new float[VectorSpace.Dimension];
        for (int i = 0; i < v.Length; i++) v[i] = (float)(rng.NextDouble() * 2 - 1);
        v[0] += 3; // never all zeros
        return v;
    }

    /// <summary>The id of the <paramref name="index"/>-th document added by <paramref name="batch"/>.</summary>
    public static string Id(int batch, int index) => string.Create(CultureInfo.InvariantCulture, $"b{batch}-{index}");

    /// <summary>The tag of documents last written by <paramref name="batch"/>.</summary>
    public static string Tag(int batch) => "t" + batch.ToString(CultureInfo.InvariantCulture);

    /// <summary>The stored title of a document written by <paramref name="batch"/>.</summary>
    public static string Title(string id, int batch) => string.Create(CultureInfo.InvariantCulture, $"{id} v{batch}");

    /// <summary>How many new documents <paramref name="batch"/> adds.</summary>
    public static int AddCount(int seed, int batch) => RandomFor(seed, batch).Next(10, 120);

    /// <summary>The steps of <paramref name="batch"/>, in order; the last one writes the marker.</summary>
    public static IReadOnlyList<BatchOp> Plan(int seed, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        var rng = RandomFor(seed, batch);
        int adds = rng.Next(10, 120); // first draw: must match AddCount
        bool longBodies = rng.Next(8) == 0;
        var ops = new List<BatchOp>(adds + 32);
        for (int i = 0; i < adds; i++)
            ops.Add(new BatchOp(BatchOpKind.Add, Id(batch, i), batch, longBodies ? rng.Next(300, 1500) : rng.Next(1, 60)));
        if (batch > 3)
        {
            int n = AddCount(seed, batch - 3);
            for (int j = rng.Next(16); j > 0; j--)
                ops.Add(new BatchOp(BatchOpKind.Update, Id(batch - 3, rng.Next(n)), batch, rng.Next(1, 60)));
        }
        if (batch > 5)
        {
            int n = AddCount(seed, batch - 5);
            for (int j = rng.Next(16); j > 0; j--)
                ops.Add(new BatchOp(BatchOpKind.Delete, Id(batch - 5, rng.Next(n)), batch, 0));
        }
        if (batch > 7 && rng.Next(5) == 0) ops.Add(new BatchOp(BatchOpKind.DeleteByTag, Tag(batch - 7), batch, 0));
        foreach (int back in (ReadOnlySpan<int>)[1, 3])
        {
            if (batch <= back) continue;
            int n = AddCount(seed, batch - back);
            for (int j = rng.Next(7); j > 0; j--)
                ops.Add(new BatchOp(BatchOpKind.Vector, Id(batch - back, rng.Next(n)), batch, 0));
        }
        ops.Add(new BatchOp(BatchOpKind.Update, MarkerId, batch, 1));
        return ops;
    }

    /// <summary>Applies <paramref name="op"/> to <paramref name="writer"/>.</summary>
    public static void Apply(IndexWriter writer, int seed, BatchOp op)
    {
        switch (op.Kind)
        {
            case BatchOpKind.Add: writer.Add(ToDocument(seed, op)); break;
            case BatchOpKind.Update: writer.Update(ToDocument(seed, op)); break;
            case BatchOpKind.Delete: writer.Delete(op.Key); break;
            case BatchOpKind.DeleteByTag: writer.DeleteByKeyword("tag", op.Key); break;
            case BatchOpKind.Vector: writer.SetVector(op.Key, VectorSpace, VectorOf(seed, op.Key, op.Batch)); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op.Kind, "unknown operation");
        }
    }

    /// <summary>The document an add or update writes.</summary>
    public static Document ToDocument(int seed, BatchOp op)
    {
        var rng = new Random(unchecked(seed * 31 + StableHash(op.Key) * 17 + op.Batch));
        var body = new StringBuilder(op.BodyWords * 8);
        for (int w = 0; w < op.BodyWords; w++) body.Append(Vocabulary[rng.Next(Vocabulary.Length)]).Append(' ');
        return new Document(op.Key)
            .Add("title", Title(op.Key, op.Batch))
            .Add("body", body.ToString())
            .Add("tag", op.Key == MarkerId ? "marker" : Tag(op.Batch))
            .Add("version", op.Batch);
    }

    private static Random RandomFor(int seed, int batch) => new(unchecked(seed * 1_000_003 + batch * 7_919));

    private static int StableHash(string s)
    {
        uint h = 2166136261; // FNV-1a: string.GetHashCode differs between processes
        foreach (char c in s) h = (h ^ c) * 16777619;
        return (int)(h & 0x7FFF_FFFF);
    }
}
