using System.IO.Compression;
using System.Text;
using LuceneReco.Host.Interactions;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Interactions;

/// <summary>The three interaction file formats, detection, gzip, and bad lines reported with their line numbers.</summary>
public sealed class InteractionFileReaderTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static List<InteractionRecord> Read(string name, string text, InteractionFileFormat? format = null, string? kind = null)
    {
        using var reader = InteractionFileReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)), name, format, kind, Now);
        return reader.Records().ToList();
    }

    private static Interaction Ok(InteractionRecord record) =>
        record.Event ?? throw new Xunit.Sdk.XunitException($"line {record.Line} was rejected: {record.Error}");

    [Fact]
    public void Tsv_WeightAndTimestampAreOptional_TimestampIsUnixSecondsOrIso()
    {
        var records = Read("events.tsv", "u1\ti1\t2.5\t1700000000\nu2\ti2\n\nu3\ti3\t\t2023-11-14T23:13:20+01:00\nu4\ti4\t3\r\n");
        Assert.Equal(new Interaction("u1", "i1", "view", 2.5, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)), Ok(records[0]));
        Assert.Equal(new Interaction("u2", "i2", "view", 1, Now), Ok(records[1]));
        Assert.Equal(4, records[2].Line); // the blank line 3 is skipped but counted
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), Ok(records[2]).Timestamp);
        Assert.Equal(1, Ok(records[2]).Weight);
        Assert.Equal(3, Ok(records[3]).Weight);
    }

    [Fact]
    public void Tsv_BadLines_NameTheirLineAndTheReason()
    {
        var records = Read("events.tsv", "u1\ti1\n\tx\nu\ti\tmuch\nu\ti\t1\tyesterday\nu\ti\t1\t2\t3\nu\ti\tNaN\n");
        Assert.Equal(
        [
            "events.tsv:2: user is empty",
            "events.tsv:3: weight must be a finite number, got 'much'",
            "events.tsv:4: timestamp must be Unix seconds or an ISO 8601 date-time, got 'yesterday'",
            "events.tsv:5: expected 2 to 4 tab-separated fields (user, item, weight, timestamp), got 5",
            "events.tsv:6: weight must be a finite number, got 'NaN'",
        ], records.Where(r => r.Error is not null).Select(r => r.Describe("events.tsv")));
        Assert.Contains("no header line", Read("e.tsv", "user\titem\tweight\n")[0].Error);
    }

    [Fact]
    public void MovieLens_NeedsItsHeader_AndReadsRatings()
    {
        var records = Read("ratings.csv", "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,,1260759179\n2,10,4.0\n");
        Assert.Equal(new Interaction("1", "31", "rating", 2.5, DateTimeOffset.FromUnixTimeSeconds(1_260_759_144)), Ok(records[0]));
        Assert.Equal((3L, "rating is empty"), (records[1].Line, records[1].Error));
        Assert.Equal((4L, "expected 4 comma-separated fields (userId, movieId, rating, timestamp), got 3"), (records[2].Line, records[2].Error));

        var e = Assert.Throws<InteractionFileException>(() => Read("ratings.csv", "1,31,2.5,1260759144\n"));
        Assert.Equal("ratings.csv:1: expected the MovieLens header 'userId,movieId,rating,timestamp', got '1,31,2.5,1260759144'", e.Message);
        Assert.Equal("click", Ok(Read("r.csv", "userId,movieId,rating,timestamp\n1,2,3,4\n", kind: "click")[0]).Kind);
    }

    [Fact]
    public void JsonLines_ReadsIdsAsStringsOrNumbers_AndEveryOptionalField()
    {
        var records = Read("events.jsonl", """
            {"userId":"ann","itemId":"b001","kind":"click","weight":2,"timestamp":"2025-01-02T03:04:05Z"}
            {"userId":7,"itemId":42}
            {"userId":"bob","itemId":"x","timestamp":1700000000.5,"extra":true}
            {"userId":"","itemId":"x"}
            {"userId":"c","itemId":"x","weight":"heavy"}
            {"userId":"c"
            [1,2]
            {"userId":"c","itemId":"x","timestamp":"soon"}
            """, kind: "view");
        Assert.Equal(new Interaction("ann", "b001", "click", 2, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)), Ok(records[0]));
        Assert.Equal(new Interaction("7", "42", "view", 1, Now), Ok(records[1]));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500), Ok(records[2]).Timestamp);
        Assert.Equal("userId is empty", records[3].Error);
        Assert.Equal("weight must be a number, got \"heavy\"", records[4].Error);
        Assert.Equal("the line is not valid JSON at line 1, byte 14: the text ends before the JSON value is complete", records[5].Error);
        Assert.Equal("expected a JSON object", records[6].Error);
        Assert.Equal((8L, "timestamp must be Unix seconds or an ISO 8601 date-time, got 'soon'"), (records[7].Line, records[7].Error));
    }

    [Fact]
    public void Gzip_IsReadWhenTheNameEndsInGz_AndTheInnerExtensionTellsTheFormat()
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes("userId,movieId,rating,timestamp\n1,2,3.5,100\nbad line\n"));
        compressed.Position = 0;
        using var reader = InteractionFileReader.Open(compressed, "ratings.csv.gz", null, null, Now);
        Assert.Equal(InteractionFileFormat.MovieLens, reader.Format);
        Assert.True(reader.Compressed);
        var records = reader.Records().ToList();
        Assert.Equal(3.5, Ok(records[0]).Weight);
        Assert.Equal("ratings.csv.gz:3: expected 4 comma-separated fields (userId, movieId, rating, timestamp), got 1", records[1].Describe("ratings.csv.gz"));
    }

    [Theory]
    [InlineData("a.tsv", "u\ti\n", nameof(InteractionFileFormat.Tsv))]
    [InlineData("a.dat.gz", null, nameof(InteractionFileFormat.Tsv))]
    [InlineData("a.ndjson", "{}\n", nameof(InteractionFileFormat.JsonLines))]
    [InlineData("events", "\n{\"userId\":\"u\",\"itemId\":\"i\"}\n", nameof(InteractionFileFormat.JsonLines))]
    [InlineData("events", "userId,movieId,rating,timestamp\n", nameof(InteractionFileFormat.MovieLens))]
    [InlineData("events", "u\ti\t1\n", nameof(InteractionFileFormat.Tsv))]
    public void Format_IsToldByTheExtension_ElseByTheFirstLine(string name, string? text, string format)
    {
        var expected = Enum.Parse<InteractionFileFormat>(format);
        var bytes = Encoding.UTF8.GetBytes(text ?? "");
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
            bytes = compressed.ToArray();
        }
        using var reader = InteractionFileReader.Open(new MemoryStream(bytes), name, null, null, Now);
        Assert.Equal(expected, reader.Format);
        if (name == "events" && expected == InteractionFileFormat.JsonLines)
            Assert.Equal(2, Assert.Single(reader.Records()).Line); // the sniffed line is still read, with its number
    }

    [Fact]
    public void Format_ThatCannotBeTold_AsksForFormat()
    {
        var e = Assert.Throws<InteractionFileException>(() => Read("events", "just some words\n"));
        Assert.Equal("events:1: cannot tell the format from the name or the first line; pass --format tsv|movielens|jsonl", e.Message);
        Assert.Equal(InteractionFileFormat.Tsv, InteractionFileReader.Open(new MemoryStream(Encoding.UTF8.GetBytes("u\ti\n")), "x.log", InteractionFileFormat.Tsv, null, Now).Format);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1700000000", 1_700_000_000_000L)]
    [InlineData("1700000000.25", 1_700_000_000_250L)]
    [InlineData("2023-11-14T22:13:20Z", 1_700_000_000_000L)]
    [InlineData("2023-11-14T22:13:20.5Z", 1_700_000_000_500L)]
    [InlineData("2023-11-14T23:13:20+01:00", 1_700_000_000_000L)]
    [InlineData("2023-11-14T22:13:20", 1_700_000_000_000L)]
    [InlineData("2023-11-14", 1_699_920_000_000L)]
    public void EventTime_ParsesUnixSecondsAndIso8601(string text, long unixMilliseconds)
    {
        Assert.True(EventTime.TryParse(text, out var time));
        Assert.Equal(unixMilliseconds, time.ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("1e20")]
    [InlineData("14/11/2023")]
    [InlineData("now")]
    [InlineData("")]
    public void EventTime_RefusesOtherText(string text) => Assert.False(EventTime.TryParse(text, out _));
}
