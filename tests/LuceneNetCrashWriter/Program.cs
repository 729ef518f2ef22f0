using System.Diagnostics;
using System.Globalization;
using LuceneReco.Index.Documents;
using LuceneReco.Index.LuceneNet;

// Usage: LuceneNetCrashWriter <index-dir> [max-seconds]
// Opens (or creates) a Lucene.Net backend index and, batch after batch, adds BatchSize items whose "batch" number
// is the batch, updates BatchSize / 4 items of the batch before, commits, and prints "committed {b}" once the
// commit returns, until it is killed (the point of it) or max-seconds (default 60) pass. A commit leaves
// exactly b * BatchSize items, so after a kill the index must hold a whole number of batches, at least the last printed.
const int BatchSize = 200;
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: LuceneNetCrashWriter <index-dir> [max-seconds]");
    return 2;
}
int maxSeconds = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
var schema = new IndexSchema([new FieldDefinition("title", FieldKind.Text), new FieldDefinition("batch", FieldKind.Numeric)]);
var clock = Stopwatch.StartNew();
using var index = LuceneNetRecallIndex.Open(args[0], schema);
int next;
using (var view = index.Acquire()) next = view.NumDocs / BatchSize + 1;
Console.WriteLine($"resumed {next}");
for (int batch = next; clock.Elapsed.TotalSeconds < maxSeconds; batch++)
{
    for (int i = 0; i < BatchSize; i++)
        index.Add(new Document($"b{batch}-{i}").Add("title", $"item {i} of batch {batch} orbit station").Add("batch", batch));
    if (batch > 1)
        for (int i = 0; i < BatchSize / 4; i++)
            index.Update(new Document($"b{batch - 1}-{i}").Add("title", $"item {i} of batch {batch - 1} updated in {batch}").Add("batch", batch - 1));
    index.Commit();
    Console.WriteLine($"committed {batch}"); // Console.Out flushes every write
}
return 0;
