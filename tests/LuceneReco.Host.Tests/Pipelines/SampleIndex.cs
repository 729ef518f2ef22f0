using LuceneReco.Host.Items;
using LuceneReco.Index;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary>Builds an index of samples/catalogue.tsv (200 items) in a directory.</summary>
internal static class SampleIndex
{
    /// <summary>Builds the sample catalogue into <paramref name="directory"/> and commits it.</summary>
    public static void Build(string directory)
    {
        using var items = ItemReader.Open(TestFiles.Sample("catalogue.tsv"));
        var schema = items.DefaultSchema("english");
        using var writer = IndexWriter.Open(directory, new IndexWriterOptions { Schema = schema });
        foreach (var record in items.Read(schema)) writer.Add(record.Document ?? throw new InvalidDataException(record.Error));
        writer.Commit();
    }
}
