using System.CommandLine;
using LuceneReco.Index.Search.MoreLikeThis;
using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Host.Cli;

/// <summary>The MoreLikeThis tuning options shared by <c>mlt</c> and <c>bench recall</c>; unset options keep Lucene's defaults.</summary>
internal sealed class MltOptions
{
    private readonly Option<int?> _minTermFreq = new("--min-term-freq") { Description = "Ignore terms occurring fewer times in the source (default 2).", HelpName = "N" };
    private readonly Option<int?> _minDocFreq = new("--min-doc-freq") { Description = "Ignore terms in fewer items (default 5).", HelpName = "N" };
    private readonly Option<int?> _maxDocFreq = new("--max-doc-freq") { Description = "Ignore terms in more items (default: no limit).", HelpName = "N" };
    private readonly Option<int?> _maxQueryTerms = new("--max-query-terms") { Description = "Use at most this many terms (default 25).", HelpName = "N" };
    private readonly Option<string> _fields = new("--fields") { Description = "Comma-separated text fields (default: every text field with term vectors).", HelpName = "LIST" };
    private readonly Option<string> _similarity = CommonOptions.Similarity("classic");
    private readonly Option<string> _selection = new("--term-selection") { Description = "Score candidate terms by tfidf (Lucene) or bm25 (default tfidf).", HelpName = "tfidf|bm25", DefaultValueFactory = _ => "tfidf" };
    private readonly Option<bool> _sqrtTf = new("--sqrt-tf") { Description = "Use sqrt(tf) when selecting terms." };
    private readonly Option<bool> _boost = new("--boost") { Description = "Boost each term by its selection score relative to the best." };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _minTermFreq, _minDocFreq, _maxDocFreq, _maxQueryTerms, _fields, _similarity, _selection, _sqrtTf, _boost })
            command.Options.Add(o);
    }

    /// <summary>The options as given over <paramref name="defaults"/>; throws <see cref="UsageException"/> listing every bad value.</summary>
    public MoreLikeThisOptions Read(System.CommandLine.ParseResult parse, MoreLikeThisOptions? defaults = null)
    {
        var o = defaults ?? new MoreLikeThisOptions();
        if (parse.GetValue(_minTermFreq) is int mtf) o = o with { MinTermFreq = mtf };
        if (parse.GetValue(_minDocFreq) is int mdf) o = o with { MinDocFreq = mdf };
        if (parse.GetValue(_maxDocFreq) is int xdf) o = o with { MaxDocFreq = xdf };
        if (parse.GetValue(_maxQueryTerms) is int mqt) o = o with { MaxQueryTerms = mqt };
        if (CommonOptions.SplitList(parse.GetValue(_fields)) is { } fields) o = o with { Fields = fields };
        try { o = o with { Similarity = Similarity.ByName(parse.GetValue(_similarity)!) }; }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        o = o with
        {
            TermSelection = parse.GetValue(_selection)!.ToLowerInvariant() switch
            {
                "tfidf" => TermSelection.TfIdf,
                "bm25" => TermSelection.Bm25,
                var s => throw new UsageException($"--term-selection must be tfidf or bm25, got '{s}'"),
            },
            SqrtTf = parse.GetValue(_sqrtTf) || o.SqrtTf,
            Boost = parse.GetValue(_boost) || o.Boost,
        };
        var errors = o.Validate();
        if (errors.Count > 0) throw new UsageException(string.Join("; ", errors));
        return o;
    }
}
