using System.Text;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Items;

namespace LuceneReco.Host.Tests.Security;

/// <summary>
/// Seeded fuzzing of the file parsers (item TSV and JSON Lines, interaction TSV, MovieLens CSV and JSON Lines): mutated
/// files either read, line by line, as records or bad lines, or are refused with the file's own exception; nothing else
/// is thrown. <c>LUCENERECO_FUZZ_ITERATIONS</c> runs longer.
/// </summary>
public sealed class ParserFuzzTests
{
    private const string ItemTsv = "id\ttitle\tbody\tcategory\ttags\nb001\tThe Quiet Orbit\tA station\tbooks\tspace, orbit\nb002\tTwo\tMore words\tfilms\tx\n";

    private const string ItemJsonl = """
        {"id":"b001","title":"The Quiet Orbit","body":"A station","category":"books","tags":["space","orbit"]}
        {"id":"b002","title":"Two","rating":4.5,"tags":"x"}

        """;

    private static readonly (string Name, string Text)[] InteractionFiles =
    [
        ("events.tsv", "user\titem\tkind\tweight\ttimestamp\nu1\tb001\tview\t1\t2024-01-01T00:00:00Z\nu2\tb002\tclick\t2.5\t1700000000\n"),
        ("ratings.csv", "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n"),
        ("events.jsonl", "{\"userId\":\"u1\",\"itemId\":\"b001\",\"kind\":\"view\",\"weight\":1,\"timestamp\":1700000000}\n{\"userId\":\"u2\",\"itemId\":\"b002\"}\n"),
    ];

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void ItemFiles_Mutated_ReadOrAreRefused_NeverCrash(int seed)
    {
        var fuzz = new FuzzInputs(seed);
        int n = FuzzInputs.Iterations(2000);
        int records = 0, refused = 0;
        for (int i = 0; i < n; i++)
        {
            bool tsv = fuzz.Random.Next(2) == 0;
            var bytes = fuzz.Mutate(tsv ? ItemTsv : ItemJsonl.Replace("\r\n", "\n", StringComparison.Ordinal) + Line(fuzz));
            try
            {
                using var reader = ItemReader.Open(new MemoryStream(bytes), tsv ? "items.tsv" : "items.jsonl");
                var schema = reader.DefaultSchema("english");
                foreach (var record in reader.Read(schema))
                {
                    Assert.True((record.Document is null) != (record.Error is null), $"seed {seed}, input {i}: a record is a document or an error");
                    records++;
                }
            }
            catch (ItemFileException)
            {
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, input {i} ({(tsv ? "tsv" : "jsonl")}): {e.GetType().Name}: {e.Message}\n{Encoding.UTF8.GetString(bytes)}");
            }
        }
        Assert.True(records > 0 && refused > 0, $"seed {seed}: {records} records, {refused} refused files");
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void InteractionFiles_Mutated_ReadOrAreRefused_NeverCrash(int seed)
    {
        var fuzz = new FuzzInputs(seed);
        int n = FuzzInputs.Iterations(2000);
        int records = 0, bad = 0;
        for (int i = 0; i < n; i++)
        {
            var (name, text) = InteractionFiles[fuzz.Random.Next(InteractionFiles.Length)];
            var bytes = fuzz.Mutate(text + fuzz.Text(3) + "\n");
            try
            {
                using var reader = InteractionFileReader.Open(new MemoryStream(bytes), name, null, null, DateTimeOffset.UnixEpoch);
                foreach (var record in reader.Records())
                {
                    if (record.Error is null) records++;
                    else bad++;
                }
            }
            catch (InteractionFileException)
            {
                bad++;
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, input {i} ({name}): {e.GetType().Name}: {e.Message}\n{Encoding.UTF8.GetString(bytes)}");
            }
        }
        Assert.True(records > 0 && bad > 0, $"seed {seed}: {records} records, {bad} bad lines or files");
    }

    private static string Line(FuzzInputs fuzz) => "{\"id\":" + fuzz.JsonValue() + ",\"" + fuzz.Key() + "\":" + fuzz.JsonValue() + "}\n";
}
