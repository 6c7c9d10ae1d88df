namespace HybridRec.Model.Evaluation;

/// <summary>
/// Something that ranks the items of a catalogue for a user: it writes one score per item index, and higher scores
/// rank first. <see cref="RankingEvaluator"/> turns scores into top-K lists with one shared protocol (items the user
/// rated in training excluded, ties broken by the lower item index, which is the lower raw id), so a model and a
/// baseline such as <see cref="PopularityRanker"/> are scored by exactly the same code.
/// </summary>
public interface IItemRanker
{
    /// <summary>Number of items (item indices 0 … ItemCount − 1).</summary>
    int ItemCount { get; }

    /// <summary>
    /// Writes the score of every item for user index <paramref name="user"/> into <paramref name="scores"/>
    /// (length <see cref="ItemCount"/>; higher ranks first; NaN ranks last). Must be safe to call from several
    /// threads at once, and should not start parallel work itself (evaluation already runs users in parallel).
    /// </summary>
    void ScoreItems(int user, Span<float> scores);
}
