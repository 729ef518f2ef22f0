using System.Diagnostics;
using System.Globalization;
using LuceneReco.CrashWriter;
using LuceneReco.Index;

// Usage: CrashWriter <index-dir> <seed> [max-seconds]
// Opens (or creates) the index, reads from the marker document which batch it holds, prints "resumed {next}",
// then applies and commits CrashWorkload batches one after another, printing "committed {b}" after each
// commit returns, until it is killed (the point of it) or max-seconds (default 60) pass.
if (args.Length is < 2 or > 3
    || !int.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
    || !TryMaxSeconds(args, out int maxSeconds))
{
    Console.Error.WriteLine("usage: CrashWriter <index-dir> <seed> [max-seconds]");
    return 2;
}

var clock = Stopwatch.StartNew();
using var writer = IndexWriter.Open(args[0], CrashWorkload.WriterOptions);
int next;
using (var reader = writer.GetReader())
{
    int marker = reader.DocOf(CrashWorkload.MarkerId);
    next = marker < 0 ? 1 : (int)reader.Number(marker, "version")!.Value + 1;
}
Console.WriteLine($"resumed {next}");
for (int batch = next; clock.Elapsed.TotalSeconds < maxSeconds; batch++)
{
    foreach (var op in CrashWorkload.Plan(seed, batch)) CrashWorkload.Apply(writer, seed, op);
    writer.Commit();
    Console.WriteLine($"committed {batch}"); // Console.Out flushes every write
}
return 0;

static bool TryMaxSeconds(string[] args, out int seconds)
{
    seconds = 60;
    return args.Length < 3 || int.TryParse(args[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds) && seconds > 0;
}
