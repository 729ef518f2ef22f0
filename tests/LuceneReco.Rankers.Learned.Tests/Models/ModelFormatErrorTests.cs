using LuceneReco.Rankers.Learned.Models;
using LuceneReco.Rankers.Learned.Tests.Support;

namespace LuceneReco.Rankers.Learned.Tests.Models;

/// <summary>Every bad model file is one <see cref="ModelFormatException"/> naming the file and where in it.</summary>
public sealed class ModelFormatErrorTests : IDisposable
{
    private static readonly string[] Names = ["a", "b"];
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Xgboost_TruncatedFile_NamesFileAndLine()
    {
        string text = File.ReadAllText(Fixture.Load("ndcg_missing").ModelPath);
        ModelFormatException e = Fails(ModelFormat.XgboostJson, text[..(text.Length / 2)]);
        Assert.StartsWith("line ", e.Location);
        Assert.Contains("truncated", e.Problem);
    }

    [Fact]
    public void Xgboost_UnknownObjective_NamesItAndTheServedOnes()
    {
        ModelFormatException e = Fails(ModelFormat.XgboostJson, ModelTexts.XgboostStump(Names, 0, 0.5, -1, 1, true, objective: "survival:cox"));
        Assert.Equal("learner.objective.name", e.Location);
        Assert.Contains("unknown objective \"survival:cox\"", e.Problem);
        Assert.Contains("rank:ndcg", e.Problem);
    }

    [Fact]
    public void Xgboost_FeatureIndexOutOfRange_NamesTreeAndNode()
    {
        ModelFormatException e = Fails(ModelFormat.XgboostJson, ModelTexts.XgboostStump(Names, 5, 0.5, -1, 1, true));
        Assert.Equal("tree 0 node 0", e.Location);
        Assert.Contains("split feature 5 is out of range", e.Problem);
    }

    [Fact]
    public void Xgboost_MismatchedArrayLengths_NamesTreeAndArray()
    {
        string text = ModelTexts.XgboostStump(Names, 0, 0.5, -1, 1, true).Replace("\"sum_hessian\": [10, 4, 6]", "\"sum_hessian\": [10, 4]", StringComparison.Ordinal);
        ModelFormatException e = Fails(ModelFormat.XgboostJson, text);
        Assert.Equal("tree 0", e.Location);
        Assert.Contains("sum_hessian has 2 entries", e.Problem);
    }

    [Theory]
    [InlineData("[7, -1, -1]", "out of range")]
    [InlineData("[0, -1, -1]", "reached twice")]
    public void Xgboost_BadChild_NamesTreeAndNode(string leftChildren, string problem)
    {
        string text = ModelTexts.XgboostStump(Names, 0, 0.5, -1, 1, true).Replace("\"left_children\": [1, -1, -1]", $"\"left_children\": {leftChildren}", StringComparison.Ordinal);
        ModelFormatException e = Fails(ModelFormat.XgboostJson, text);
        Assert.Equal("tree 0 node 0", e.Location);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void Xgboost_FewerTreesThanDeclared_SaysTruncated()
    {
        string text = ModelTexts.XgboostStump(Names, 0, 0.5, -1, 1, true).Replace("\"num_trees\": \"1\"", "\"num_trees\": \"2\"", StringComparison.Ordinal);
        ModelFormatException e = Fails(ModelFormat.XgboostJson, text);
        Assert.Contains("num_trees is 2", e.Problem);
    }

    [Fact]
    public void Xgboost_CategoricalSplit_IsNotServed()
    {
        string text = ModelTexts.XgboostStump(Names, 0, 0.5, -1, 1, true).Replace("\"split_type\": [0, 0, 0]", "\"split_type\": [1, 0, 0]", StringComparison.Ordinal);
        ModelFormatException e = Fails(ModelFormat.XgboostJson, text);
        Assert.Equal("tree 0 node 0", e.Location);
        Assert.Contains("categorical", e.Problem);
    }

    [Fact]
    public void Xgboost_MissingMember_NamesItsPath()
    {
        string text = ModelTexts.XgboostStump(Names, 0, 0.5, -1, 1, true).Replace("\"base_score\"", "\"base_scor\"", StringComparison.Ordinal);
        ModelFormatException e = Fails(ModelFormat.XgboostJson, text);
        Assert.Equal("learner.learner_model_param.base_score", e.Location);
        Assert.Contains("missing", e.Problem);
    }

    [Fact]
    public void LightGbm_Truncated_SaysSo()
    {
        string text = LightGbmTextReaderTests.Text;
        ModelFormatException e = Fails(ModelFormat.LightGbm, text[..text.IndexOf("Tree=2", StringComparison.Ordinal)]);
        Assert.Contains("truncated", e.Problem);
        Assert.StartsWith("line ", e.Location);
    }

    [Fact]
    public void LightGbm_UnknownObjective_NamesTheLine()
    {
        ModelFormatException e = Fails(ModelFormat.LightGbm, LightGbmTextReaderTests.Text.Replace("objective=lambdarank", "objective=poisson", StringComparison.Ordinal));
        Assert.Equal("line 7", e.Location);
        Assert.Contains("unknown objective \"poisson\"", e.Problem);
    }

    [Fact]
    public void LightGbm_MismatchedArrayLength_NamesLineAndTree()
    {
        ModelFormatException e = Fails(ModelFormat.LightGbm, LightGbmTextReaderTests.Text.Replace("leaf_value=0.1 0.2 0.29999999999999999", "leaf_value=0.1 0.2", StringComparison.Ordinal));
        Assert.Equal("line 21, tree 0 (line 12)", e.Location);
        Assert.Contains("leaf_value has 2 values but 3 were expected", e.Problem);
    }

    [Fact]
    public void LightGbm_FeatureOutOfRange_NamesTreeAndNode()
    {
        ModelFormatException e = Fails(ModelFormat.LightGbm, LightGbmTextReaderTests.Text.Replace("split_feature=0 1", "split_feature=0 7", StringComparison.Ordinal));
        Assert.Equal("tree 0 (line 12) node 1", e.Location);
        Assert.Contains("split feature 7 is out of range", e.Problem);
    }

    [Fact]
    public void LightGbm_ChildOutOfRange_NamesNode()
    {
        ModelFormatException e = Fails(ModelFormat.LightGbm, LightGbmTextReaderTests.Text.Replace("right_child=-2 -3", "right_child=-2 -9", StringComparison.Ordinal));
        Assert.Contains("node 1's child -9 is out of range", e.Problem);
        Assert.Contains("tree 0 (line 12)", e.Location);
    }

    [Fact]
    public void LightGbm_NotAModel_SaysSo()
    {
        ModelFormatException e = Fails(ModelFormat.LightGbm, "hello\nworld\n");
        Assert.Contains("not a LightGBM text model", e.Problem);
    }

    [Fact]
    public void Linear_MismatchedLengths_NamesTheMember()
    {
        ModelFormatException e = Fails(ModelFormat.Linear, """{"type":"linear","features":["a","b"],"weights":[1],"bias":0}""");
        Assert.Equal("weights", e.Location);
        Assert.Contains("1 entries for 2 features", e.Problem);
    }

    [Fact]
    public void Linear_UnknownMember_IsRejected()
    {
        ModelFormatException e = Fails(ModelFormat.Linear, """{"type":"linear","features":["a"],"weights":[1],"bias":0,"intercept":2}""");
        Assert.Equal("intercept", e.Location);
    }

    [Fact]
    public void Linear_Malformed_NamesTheLine()
    {
        ModelFormatException e = Fails(ModelFormat.Linear, "{\"type\":\"linear\",\n\"features\":[\"a\",\n");
        Assert.Equal("line 3", e.Location);
    }

    [Fact]
    public void Load_MissingFile_NamesIt()
    {
        string path = _dir.Sub("absent.json");
        ModelFormatException e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(path, ModelFormat.XgboostJson));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("cannot be read", e.Problem);
    }

    private ModelFormatException Fails(ModelFormat format, string text)
    {
        string path = _dir.Sub("model-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(path, text);
        ModelFormatException e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(path, format));
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ": ", e.Message);
        return e;
    }
}
