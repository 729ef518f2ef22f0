using System.IO.Compression;
using System.Text;
using LuceneReco.Host.Items;
using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Tests.Items;

public sealed class ItemReaderTests
{
    private static ItemReader Open(string name, string text, bool gzip = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (gzip)
        {
            var compressed = new MemoryStream();
            using (var gz = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(bytes);
            bytes = compressed.ToArray();
        }
        return ItemReader.Open(new MemoryStream(bytes), name);
    }

    private static List<ItemRecord> ReadAll(string name, string text, IndexSchema? schema = null, bool gzip = false)
    {
        using var reader = Open(name, text, gzip);
        return reader.Read(schema ?? reader.DefaultSchema("english")).ToList();
    }

    private static string[] Values(Document d, string field) => d.Strings.Where(s => s.Field == field).Select(s => s.Value).ToArray();

    private const string Tsv = "id\ttitle\tbody\tcategory\ttags\n" +
                               "a1\tFirst  title\tSome body\tbooks\tspace, science ,, fiction ,\n" +
                               "a2\tSecond\t\tfilms\t\n";

    [Fact]
    public void Tsv_HeaderGivesColumnsAndDefaultSchema()
    {
        using var reader = Open("items.tsv", Tsv);
        Assert.Equal(ItemFileFormat.Tsv, reader.Format);
        Assert.Equal(["title", "body", "category", "tags"], reader.Columns);
        var schema = reader.DefaultSchema("standard");
        Assert.Equal(FieldKind.Text, schema.Find("title")!.Kind);
        Assert.Equal("standard", schema.Find("body")!.Analyzer);
        Assert.Equal(FieldKind.Keyword, schema.Find("category")!.Kind);
        Assert.Equal(',', schema.Find("tags")!.Separator);
    }

    [Fact]
    public void Tsv_MapsValues_TextExact_TagsSplitTrimmedEmptyDropped_EmptyCellsSkipped()
    {
        var records = ReadAll("items.tsv", Tsv);
        Assert.Equal([2L, 3L], records.Select(r => r.Line));
        var first = records[0].Document!;
        Assert.Equal("a1", first.Id);
        Assert.Equal(["First  title"], Values(first, "title"));
        Assert.Equal(["books"], Values(first, "category"));
        Assert.Equal(["space", "science", "fiction"], Values(first, "tags"));
        var second = records[1].Document!;
        Assert.Empty(Values(second, "body"));
        Assert.Empty(Values(second, "tags"));
    }

    [Fact]
    public void Tsv_LineNumbersCountTheHeaderAndBlankLines()
    {
        var records = ReadAll("items.tsv", "id\ttitle\n\nx\tone\n   \ny\ttwo\n");
        Assert.Equal([3L, 5L], records.Select(r => r.Line));
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Tsv_CrLfLineEndingsAndByteOrderMark_AreHandled()
    {
        var records = ReadAll("items.tsv", "\uFEFFid\ttitle\r\nx\tone\r\ny\ttwo\r\n");
        Assert.Equal(["one"], Values(records[0].Document!, "title"));
        Assert.Equal(["two"], Values(records[1].Document!, "title"));
    }

    [Fact]
    public void Tsv_WrongColumnCount_IsReportedWithItsLine_AndReadingGoesOn()
    {
        var records = ReadAll("items.tsv", "id\ttitle\tbody\nx\tonly title\ny\tt\tb\nz\tt\tb\textra\n");
        Assert.Equal("items.tsv:2: expected 3 tab-separated columns, got 2", records[0].Describe("items.tsv"));
        Assert.NotNull(records[1].Document);
        Assert.Equal(4, records[2].Line);
        Assert.Contains("got 4", records[2].Error);
    }

    [Fact]
    public void MissingId_IsReported()
    {
        var records = ReadAll("items.tsv", "id\ttitle\n \tno id\n");
        Assert.Equal("missing id", Assert.Single(records).Error);
    }

    [Fact]
    public void DuplicateId_IsReportedWithTheLineOfTheFirst()
    {
        var records = ReadAll("items.tsv", "id\ttitle\nx\tone\ny\ttwo\nx\tthree\n");
        Assert.Null(records[1].Error);
        Assert.Equal("duplicate id 'x' (first on line 2)", records[2].Error);
    }

    [Fact]
    public void DuplicateId_OfABadLine_IsNotADuplicate()
    {
        var schema = new IndexSchema([new FieldDefinition("year", FieldKind.Numeric)]);
        var records = ReadAll("items.tsv", "id\tyear\nx\tnope\nx\t2001\n", schema);
        Assert.NotNull(records[0].Error);
        Assert.Null(records[1].Error);
    }

    [Theory]
    [InlineData("id2\ttitle", "the first column must be 'id', got 'id2'")]
    [InlineData("", "the file has no header line")]
    [InlineData("id\ttitle\ttitle", "column 'title' appears twice")]
    [InlineData("id\t\tbody", "column 2 has no name")]
    public void Tsv_BadHeader_Throws_NamingLineOne(string header, string expected)
    {
        var e = Assert.Throws<ItemFileException>(() => Open("items.tsv", header + "\nx\ty\n"));
        Assert.StartsWith("items.tsv:1: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Tsv_OnlyAnIdColumn_HasNoDefaultSchema()
    {
        using var reader = Open("items.tsv", "id\nx\n");
        var e = Assert.Throws<ItemFileException>(() => reader.DefaultSchema("english"));
        Assert.Equal("items.tsv:1: the header has no columns besides 'id'", e.Message);
    }

    [Fact]
    public void Tsv_ColumnNameThatIsNotAFieldName_IsAHeaderError()
    {
        using var reader = Open("items.tsv", "id\tmy title\nx\ty\n");
        var e = Assert.Throws<ItemFileException>(() => reader.DefaultSchema("english"));
        Assert.StartsWith("items.tsv:1: ", e.Message);
        Assert.Contains("my title", e.Message);
        Assert.DoesNotContain("(Parameter", e.Message);
    }

    [Fact]
    public void SchemaFile_NumericFieldsParseInvariantly()
    {
        var schema = IndexSchema.FromJson("""{"fields":[{"name":"title","kind":"text"},{"name":"price","kind":"numeric"}]}""");
        var records = ReadAll("items.tsv", "id\ttitle\tprice\na\tx\t1.5e3\nb\ty\t 2.25 \nc\tz\t\n", schema);
        Assert.Equal([("price", 1500.0)], records[0].Document!.Numbers);
        Assert.Equal([("price", 2.25)], records[1].Document!.Numbers);
        Assert.Empty(records[2].Document!.Numbers);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("1e999")]
    public void SchemaFile_UnparsableNumber_IsReportedWithTheField(string value)
    {
        var schema = new IndexSchema([new FieldDefinition("price", FieldKind.Numeric)]);
        var record = Assert.Single(ReadAll("items.tsv", $"id\tprice\nx\t{value}\n", schema));
        Assert.Equal($"field 'price': '{value}' is not a number", record.Error);
    }

    [Fact]
    public void SchemaFile_ColumnsMissingFromTheSchema_AreNamedAtOnce()
    {
        var schema = new IndexSchema([new FieldDefinition("title", FieldKind.Text)]);
        using var reader = Open("items.tsv", "id\ttitle\tcolour\tsize\nx\ty\tred\tL\n");
        var e = Assert.Throws<ItemFileException>(() => reader.Read(schema).ToList());
        Assert.Equal("items.tsv:1: columns 'colour', 'size' not in the schema (fields: title)", e.Message);
    }

    [Fact]
    public void Tsv_Gzip_IsReadLikePlainText()
    {
        var records = ReadAll("items.tsv.gz", Tsv, gzip: true);
        Assert.Equal(["a1", "a2"], records.Select(r => r.Document!.Id));
        Assert.Equal(["space", "science", "fiction"], Values(records[0].Document!, "tags"));
    }

    private const string Jsonl =
        """
        {"id": "a", "title": "Alpha", "tags": ["x", " y ", ""], "category": "books"}
        {"id": 42, "title": "Answer", "tags": "p, q", "body": null}

        {"id": "c", "body": "Late key", "year": 1999}
        """;

    [Fact]
    public void Jsonl_ColumnsAreTheUnionOfKeysInFirstSeenOrder()
    {
        using var reader = Open("items.jsonl", Jsonl);
        Assert.Equal(ItemFileFormat.JsonLines, reader.Format);
        Assert.Equal(["title", "tags", "category", "body", "year"], reader.Columns);
    }

    [Fact]
    public void Jsonl_MapsValues_NumericIds_ArraysAsValues_StringsSplitBySeparator()
    {
        var records = ReadAll("items.jsonl", Jsonl);
        Assert.Equal([1L, 2L, 4L], records.Select(r => r.Line));
        Assert.All(records, r => Assert.Null(r.Error));
        Assert.Equal(["x", "y"], Values(records[0].Document!, "tags"));
        Assert.Equal("42", records[1].Document!.Id);
        Assert.Equal(["p", "q"], Values(records[1].Document!, "tags"));
        Assert.Empty(Values(records[1].Document!, "body"));
        Assert.Equal(["1999"], Values(records[2].Document!, "year"));
    }

    [Fact]
    public void Jsonl_KeysBeyondTheSample_AreNotColumns_AndAreReportedAsUnknownFields()
    {
        var lines = Enumerable.Range(0, ItemReader.ColumnSampleLines).Select(i => $$"""{"id":"i{{i}}","title":"t"}""").ToList();
        lines.Add("""{"id":"late","title":"t","colour":"red"}""");
        using var reader = Open("items.jsonl", string.Join("\n", lines));
        Assert.Equal(["title"], reader.Columns);
        var records = reader.Read(reader.DefaultSchema("english")).ToList();
        Assert.Equal(ItemReader.ColumnSampleLines + 1, records.Count);
        Assert.Equal("field 'colour' is not in the schema", records[^1].Error);
        Assert.Equal(ItemReader.ColumnSampleLines + 1, records[^1].Line);
    }

    [Fact]
    public void Jsonl_MissingComma_NamesTheUnexpectedCharacter()
    {
        var schema = new IndexSchema([new FieldDefinition("title", FieldKind.Text)]);
        var records = ReadAll("items.jsonl", "{\"id\": \"a\" \"title\": \"x\"}\n", schema);
        Assert.Matches(@"^the line is not valid JSON at line 1, byte 1[12]: unexpected '""'$", records[0].Error);
    }

    [Fact]
    public void BytesThatAreNotUtf8_RefuseTheirLine_ByNumber_AndTheNextLineStillReads()
    {
        string path = Path.Combine(Path.GetTempPath(), $"lucenereco-utf8-{Guid.NewGuid():N}.tsv");
        try
        {
            File.WriteAllBytes(path, [.. "id\ttitle\na\tcaf"u8.ToArray(), 0xFF, .. "\nb\tfine\n"u8.ToArray()]);
            using var reader = ItemReader.Open(path);
            var records = reader.Read(reader.DefaultSchema("english")).ToList();
            Assert.Equal((2L, "the line is not valid UTF-8 (save the file as UTF-8)"), (records[0].Line, records[0].Error));
            Assert.Null(records[1].Error);
            Assert.Equal("b", records[1].Document!.Id);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("{\"id\": \"a\", \"title\": ", "the line is not valid JSON at line 1, byte 22: the text ends before the JSON value is complete")]
    [InlineData("{\"id\": \"a\", \"title\": \"\\ud800\"}", "title holds an unpaired surrogate (such as \\ud800 without its partner), which is not text")]
    [InlineData("[1, 2]", "each line must be a JSON object")]
    [InlineData("{\"title\": \"x\"}", "missing id")]
    [InlineData("{\"id\": \"\", \"title\": \"x\"}", "missing id")]
    [InlineData("{\"id\": true, \"title\": \"x\"}", "id must be a string or a number")]
    [InlineData("{\"id\": \"a\", \"title\": {\"en\": \"x\"}}", "field 'title': objects are not supported")]
    [InlineData("{\"id\": \"a\", \"title\": [[\"x\"]]}", "field 'title': array elements must be strings or numbers")]
    [InlineData("{\"id\": \"a\", \"price\": [1, 2]}", "field 'price' takes one number, got an array")]
    [InlineData("{\"id\": \"a\", \"price\": \"cheap\"}", "field 'price': 'cheap' is not a number")]
    public void Jsonl_BadLine_IsReportedWithItsLineNumber(string line, string expected)
    {
        var schema = new IndexSchema([new FieldDefinition("title", FieldKind.Text), new FieldDefinition("price", FieldKind.Numeric)]);
        var records = ReadAll("items.jsonl", "{\"id\": \"ok\", \"title\": \"fine\"}\n" + line + "\n", schema);
        Assert.Null(records[0].Error);
        Assert.Equal(2, records[1].Line);
        Assert.StartsWith(expected, records[1].Error);
        Assert.StartsWith("items.jsonl:2: " + expected, records[1].Describe("items.jsonl"));
    }

    [Fact]
    public void Jsonl_NumbersForNumericFields_AreNumbers()
    {
        var schema = new IndexSchema([new FieldDefinition("price", FieldKind.Numeric)]);
        var record = Assert.Single(ReadAll("items.jsonl", "{\"id\": \"a\", \"price\": 12.5}\n", schema));
        Assert.Equal([("price", 12.5)], record.Document!.Numbers);
    }

    [Fact]
    public void Jsonl_Gzip_IsReadLikePlainText()
    {
        var records = ReadAll("items.jsonl.gz", Jsonl, gzip: true);
        Assert.Equal(["a", "42", "c"], records.Select(r => r.Document!.Id));
    }

    [Theory]
    [InlineData("items.tsv", "Tsv", false)]
    [InlineData("ITEMS.TSV.GZ", "Tsv", true)]
    [InlineData("dir.d/items.jsonl", "JsonLines", false)]
    [InlineData("items.ndjson.gz", "JsonLines", true)]
    public void FormatOf_TellsFormatAndCompressionByExtension(string path, string format, bool compressed)
    {
        Assert.Equal((Enum.Parse<ItemFileFormat>(format), compressed), ItemReader.FormatOf(path));
    }

    [Theory]
    [InlineData("items.csv")]
    [InlineData("items.gz")]
    [InlineData("items")]
    public void FormatOf_UnknownExtension_Throws(string path)
    {
        var e = Assert.Throws<ItemFileException>(() => ItemReader.FormatOf(path));
        Assert.Contains("use .tsv or .jsonl", e.Message);
    }

    [Fact]
    public void Read_TwiceIsAProgrammerError()
    {
        using var reader = Open("items.tsv", Tsv);
        var schema = reader.DefaultSchema("english");
        _ = reader.Read(schema).ToList();
        Assert.Throws<InvalidOperationException>(() => reader.Read(schema));
    }
}
