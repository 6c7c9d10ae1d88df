namespace HybridRec.Model.Evaluation;

/// <summary>
/// Top-K ranking metrics with binary relevance, as pure functions over one user's ranked list of item indices
/// (best first) and the set of items relevant to that user (for example the user's held-out test items).
/// </summary>
/// <remarks>
/// <para>Conventions shared by every per-user metric:</para>
/// <list type="bullet">
/// <item><description><c>k ≤ 0</c> throws <see cref="ArgumentOutOfRangeException"/>.</description></item>
/// <item><description>Only the first <c>min(k, ranked.Count)</c> items are read. A ranked list shorter than
/// <c>k</c> is not padded or rescaled: its missing positions count as misses, so precision@k still divides by
/// <c>k</c> (the standard convention) and NDCG@k / AP@k still compare against an ideal list of length
/// <c>min(|relevant|, k)</c>.</description></item>
/// <item><description>An empty ranked list scores 0 on every metric (when the relevant set is not empty).</description></item>
/// <item><description>An empty relevant set makes the user undefined for the metric: the function returns
/// <see cref="double.NaN"/>, and <see cref="Summarize"/> skips such users and counts them.</description></item>
/// <item><description>An item repeated within the top <c>k</c> is an error (<see cref="ArgumentException"/>):
/// a recommender ranks distinct items, and counting a repeat twice would push recall above 1.</description></item>
/// </list>
/// </remarks>
public static class RankingMetrics
{
    /// <summary>
    /// Precision@k: the number of relevant items among the top <paramref name="k"/>, divided by <paramref name="k"/>
    /// (also when the ranked list is shorter than <paramref name="k"/>).
    /// </summary>
    /// <param name="ranked">Item indices, best first.</param>
    /// <param name="relevant">Items relevant to the user.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <returns>A value in [0, 1], or <see cref="double.NaN"/> when <paramref name="relevant"/> is empty.</returns>
    public static double PrecisionAtK(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        var s = Scan(ranked, relevant, k);
        return relevant.Count == 0 ? double.NaN : s.Hits / (double)k;
    }

    /// <summary>
    /// Recall@k: the number of relevant items among the top <paramref name="k"/>, divided by the number of relevant
    /// items. It is below 1 even for a perfect list when there are more relevant items than <paramref name="k"/>.
    /// </summary>
    /// <param name="ranked">Item indices, best first.</param>
    /// <param name="relevant">Items relevant to the user.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <returns>A value in [0, 1], or <see cref="double.NaN"/> when <paramref name="relevant"/> is empty.</returns>
    public static double RecallAtK(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        var s = Scan(ranked, relevant, k);
        return relevant.Count == 0 ? double.NaN : s.Hits / (double)relevant.Count;
    }

    /// <summary>
    /// NDCG@k with binary relevance: <c>DCG = Σ_{i&lt;k} rel_i / log2(i + 2)</c> (positions counted from 0) divided
    /// by the DCG of an ideal list whose first <c>min(|relevant|, k)</c> positions are all relevant.
    /// </summary>
    /// <param name="ranked">Item indices, best first.</param>
    /// <param name="relevant">Items relevant to the user.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <returns>A value in [0, 1]; exactly 1 iff the top <c>min(|relevant|, k)</c> items are all relevant;
    /// <see cref="double.NaN"/> when <paramref name="relevant"/> is empty.</returns>
    public static double NdcgAtK(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        var s = Scan(ranked, relevant, k);
        return relevant.Count == 0 ? double.NaN : s.Dcg / IdealDcg(Math.Min(relevant.Count, k));
    }

    /// <summary>Hit rate@k: 1 when at least one of the top <paramref name="k"/> items is relevant, else 0.</summary>
    /// <param name="ranked">Item indices, best first.</param>
    /// <param name="relevant">Items relevant to the user.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <returns>0 or 1, or <see cref="double.NaN"/> when <paramref name="relevant"/> is empty.</returns>
    public static double HitRateAtK(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        var s = Scan(ranked, relevant, k);
        return relevant.Count == 0 ? double.NaN : s.Hits > 0 ? 1.0 : 0.0;
    }

    /// <summary>
    /// Average precision@k (the per-user term of MAP@k): the sum, over the positions <c>i &lt; k</c> that hold a
    /// relevant item, of precision@(i + 1), divided by <c>min(|relevant|, k)</c>.
    /// </summary>
    /// <param name="ranked">Item indices, best first.</param>
    /// <param name="relevant">Items relevant to the user.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <returns>A value in [0, 1], or <see cref="double.NaN"/> when <paramref name="relevant"/> is empty.</returns>
    public static double AveragePrecisionAtK(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        var s = Scan(ranked, relevant, k);
        return relevant.Count == 0 ? double.NaN : s.PrecisionSum / Math.Min(relevant.Count, k);
    }

    /// <summary>
    /// Catalogue coverage: the number of distinct items that appear in the top <paramref name="k"/> of any list,
    /// divided by <paramref name="catalogueSize"/>. No lists, or only empty ones, give 0.
    /// </summary>
    /// <param name="recommendationLists">One ranked list per user, best first.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <param name="catalogueSize">Number of items in the catalogue, at least 1; items must lie in [0, catalogueSize).</param>
    /// <returns>A value in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">k or the catalogue size is not positive, or an item lies outside the catalogue.</exception>
    public static double CatalogueCoverage(IEnumerable<IReadOnlyList<int>> recommendationLists, int k, int catalogueSize)
    {
        ArgumentNullException.ThrowIfNull(recommendationLists);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(catalogueSize);
        var seen = new bool[catalogueSize];
        int distinct = 0, list = 0;
        foreach (var ranked in recommendationLists)
        {
            if (ranked is null) throw new ArgumentException($"Recommendation list {list} is null.", nameof(recommendationLists));
            distinct += MarkTopK(ranked, k, seen, list);
            list++;
        }
        return distinct / (double)catalogueSize;
    }

    /// <summary>
    /// Computes all five per-user metrics for every user and averages them over the users whose relevant set is
    /// not empty; users with an empty relevant set are skipped and counted. Coverage is computed over the top-k
    /// lists of all users, skipped ones included, since it does not depend on relevance.
    /// </summary>
    /// <param name="users">Each user's ranked list (best first) and relevant set.</param>
    /// <param name="k">Cut-off, at least 1.</param>
    /// <param name="catalogueSize">Number of items in the catalogue, at least 1.</param>
    /// <returns>The means, the coverage and the user counts; the means are <see cref="double.NaN"/> if no user was evaluated.</returns>
    public static RankingSummary Summarize(
        IEnumerable<(IReadOnlyList<int> Ranked, IReadOnlySet<int> Relevant)> users, int k, int catalogueSize)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(catalogueSize);
        var seen = new bool[catalogueSize];
        int distinct = 0, evaluated = 0, skipped = 0, index = 0;
        double precision = 0, recall = 0, ndcg = 0, hitRate = 0, map = 0;
        foreach (var (ranked, relevant) in users)
        {
            if (ranked is null || relevant is null)
                throw new ArgumentException($"User {index} has a null ranked list or relevant set.", nameof(users));
            distinct += MarkTopK(ranked, k, seen, index);
            var s = Scan(ranked, relevant, k);
            if (relevant.Count == 0)
            {
                skipped++;
            }
            else
            {
                evaluated++;
                int ideal = Math.Min(relevant.Count, k);
                precision += s.Hits / (double)k;
                recall += s.Hits / (double)relevant.Count;
                ndcg += s.Dcg / IdealDcg(ideal);
                hitRate += s.Hits > 0 ? 1.0 : 0.0;
                map += s.PrecisionSum / ideal;
            }
            index++;
        }
        double n = evaluated; // 0 → the means are 0/0 = NaN
        return new RankingSummary(k, precision / n, recall / n, ndcg / n, hitRate / n, map / n,
            distinct / (double)catalogueSize, evaluated, skipped);
    }

    /// <summary>DCG of a list whose first <paramref name="hits"/> positions are relevant.</summary>
    private static double IdealDcg(int hits)
    {
        double idcg = 0;
        for (int i = 0; i < hits; i++) idcg += 1.0 / Math.Log2(i + 2);
        return idcg;
    }

    /// <summary>What one pass over the top k of a ranked list yields.</summary>
    private readonly record struct ScanResult(int Hits, double Dcg, double PrecisionSum);

    /// <summary>Validates the arguments and reads the top k once: hits, DCG and the sum of precision at hit positions.</summary>
    private static ScanResult Scan(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        int n = Math.Min(k, ranked.Count);
        var distinct = new HashSet<int>(n);
        int hits = 0;
        double dcg = 0, precisionSum = 0;
        for (int i = 0; i < n; i++)
        {
            int item = ranked[i];
            if (!distinct.Add(item))
                throw new ArgumentException($"Item {item} appears more than once in the top {k} (position {i}).", nameof(ranked));
            if (!relevant.Contains(item)) continue;
            hits++;
            dcg += 1.0 / Math.Log2(i + 2);
            precisionSum += hits / (double)(i + 1);
        }
        return new ScanResult(hits, dcg, precisionSum);
    }

    /// <summary>Marks the items of a list's top k in <paramref name="seen"/>; returns how many were new.</summary>
    private static int MarkTopK(IReadOnlyList<int> ranked, int k, bool[] seen, int list)
    {
        int added = 0, n = Math.Min(k, ranked.Count);
        for (int i = 0; i < n; i++)
        {
            int item = ranked[i];
            if ((uint)item >= (uint)seen.Length)
                throw new ArgumentOutOfRangeException(nameof(ranked), item,
                    $"List {list}, position {i}: item {item} is outside the catalogue [0, {seen.Length}).");
            if (!seen[item]) { seen[item] = true; added++; }
        }
        return added;
    }
}
