namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>Mean metrics of one recommender over the users of a split.</summary>
/// <param name="K">The list length judged.</param>
/// <param name="Users">Users judged (those with a training history and at least one new test item).</param>
/// <param name="Ndcg">Mean NDCG@k.</param>
/// <param name="Recall">Mean recall@k.</param>
/// <param name="Mrr">Mean reciprocal rank within the top k.</param>
/// <param name="Coverage">Share of the training catalogue recommended to anyone.</param>
/// <param name="Novelty">Mean -log2 popularity of the recommended items.</param>
public sealed record EvaluationReport(int K, int Users, double Ndcg, double Recall, double Mrr, double Coverage, double Novelty);
