using LuceneReco.Index.Backends;
using LuceneReco.Index.LuceneNet;

namespace LuceneReco.Host.Serving;

/// <summary>
/// The one place the host decides, by looking at an index folder, which engine keeps it, and opens it as an
/// <see cref="IRecallIndex"/>: a Lucene.Net index LuceneReco built (its <see cref="LuceneNetSchema.FileName"/> is there),
/// a Lucene.Net index another application writes (its <c>segments.gen</c>, attached with a schema file naming its fields),
/// or else the native index.
/// </summary>
internal static class IndexFolder
{
    /// <summary>The native index.</summary>
    public const string Native = "native";

    /// <summary>A Lucene.Net index (LuceneReco's own, or another application's).</summary>
    public const string LuceneNet = "lucenenet";

    /// <summary>The file Lucene.Net 4.8 writes beside every commit (the native index has none).</summary>
    private const string LuceneSegmentsGen = "segments.gen";

    /// <summary>Which engine keeps <paramref name="directory"/>: <see cref="LuceneNet"/> when a schema file or Lucene.Net's commit files are there, else <see cref="Native"/>.</summary>
    public static string BackendOf(string directory) =>
        LuceneNetRecallIndex.IsLuceneNetIndex(directory) || File.Exists(Path.Combine(directory, LuceneSegmentsGen)) ? LuceneNet : Native;

    /// <summary>
    /// Opens the last commit of the index at <paramref name="directory"/> without taking its write lock: the native index
    /// read-only, or a Lucene.Net index attached read-only (with <paramref name="luceneNetSchema"/> when given, else the
    /// schema file LuceneReco wrote beside it). <see cref="IRecallIndex.Refresh"/> picks up later commits.
    /// </summary>
    /// <exception cref="ArgumentException">A Lucene.Net index without a schema file and none given, or a schema that does not fit it (every problem listed).</exception>
    /// <exception cref="LuceneReco.Index.Store.IndexNotFoundException">No index there.</exception>
    public static IRecallIndex OpenReadOnly(string directory, string? luceneNetSchema = null)
    {
        if (luceneNetSchema is null && BackendOf(directory) == Native) return NativeRecallIndex.OpenReadOnly(directory);
        return LuceneNetRecallIndex.Attach(directory, SchemaFor(directory, luceneNetSchema));
    }

    /// <summary>
    /// Opens a Lucene.Net folder for serving: LuceneReco's own Lucene.Net index for writing (it takes Lucene.Net's write
    /// lock), or, with <paramref name="luceneNetSchema"/>, another application's index attached read-only.
    /// </summary>
    /// <exception cref="ArgumentException">No schema for another application's index, or a schema that does not fit it.</exception>
    public static IRecallIndex OpenLuceneNet(string directory, string? luceneNetSchema)
    {
        if (luceneNetSchema is not null) return LuceneNetRecallIndex.Attach(directory, SchemaFor(directory, luceneNetSchema));
        SchemaFor(directory, null); // says what to give when the folder is another application's index
        return LuceneNetRecallIndex.Open(directory);
    }

    /// <summary>The schema file given, else the one LuceneReco wrote beside its own Lucene.Net index.</summary>
    private static LuceneNetSchema SchemaFor(string directory, string? given)
    {
        if (given is not null)
        {
            if (!File.Exists(given)) throw new ArgumentException($"Lucene.Net schema file '{given}' does not exist");
            return Load(given);
        }
        string own = Path.Combine(directory, LuceneNetSchema.FileName);
        if (File.Exists(own)) return Load(own);
        throw new ArgumentException($"'{directory}' holds a Lucene.Net index without {LuceneNetSchema.FileName}; give --lucenenet-schema FILE.json naming its id and fields (see docs/serving.md)");
    }

    private static LuceneNetSchema Load(string path)
    {
        try { return LuceneNetSchema.Load(path); }
        catch (FormatException e) { throw new ArgumentException(e.Message, e); } // names the file and every problem
    }
}
