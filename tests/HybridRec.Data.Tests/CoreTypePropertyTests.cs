using FsCheck;
using FsCheck.Xunit;
using HybridRec.Data.Preprocessing;

namespace HybridRec.Data.Tests;

public class CoreTypePropertyTests
{
    [Property]
    public bool IdMap_round_trips_and_is_sorted(int[] rawIds)
    {
        var map = IdMap.FromRawIds(rawIds);
        var distinct = rawIds.Distinct().Order().ToArray();
        if (!map.RawIds.ToArray().SequenceEqual(distinct)) return false;
        for (int i = 0; i < map.Count; i++)
        {
            if (map.GetIndex(map.GetRawId(i)) != i) return false;
        }
        return rawIds.All(id => map.Contains(id) && map.GetRawId(map.GetIndex(id)) == id);
    }

    [Property]
    public bool IdMap_does_not_depend_on_order(int[] rawIds)
    {
        var a = IdMap.FromRawIds(rawIds);
        var b = IdMap.FromRawIds(rawIds.Reverse());
        return a.RawIds.SequenceEqual(b.RawIds);
    }

    [Property]
    public bool SparseFeatures_from_rows_are_sorted_distinct_and_in_range(int[][] rows, PositiveInt vocabularySize)
    {
        int v = vocabularySize.Get % 50 + 1;
        var clipped = rows.Select(r => (r ?? []).Select(x => (int)((uint)x % (uint)v))).ToList();
        var vocabulary = Enumerable.Range(0, v).Select(i => $"f{i}").ToArray();
        var f = SparseFeatures.FromRows(clipped, vocabulary);
        if (f.Rows != rows.Length || f.Columns != v || f.Offsets[^1] != f.NonZeros) return false;
        for (int r = 0; r < f.Rows; r++)
        {
            var expected = clipped[r].Distinct().Order().ToArray();
            if (!f.Row(r).ToArray().SequenceEqual(expected)) return false;
        }
        return true;
    }

    [Property]
    public bool Csr_builder_matches_from_rows(int[] rowsOfPairs, int[] colsOfPairs)
    {
        const int rows = 6, cols = 9;
        int n = Math.Min(rowsOfPairs.Length, colsOfPairs.Length);
        var keys = new long[n];
        var lists = Enumerable.Range(0, rows).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < n; i++)
        {
            int r = (int)((uint)rowsOfPairs[i] % rows), c = (int)((uint)colsOfPairs[i] % cols);
            keys[i] = CsrBuilder.Key(r, c);
            lists[r].Add(c);
        }
        var vocabulary = Enumerable.Range(0, cols).Select(i => $"c{i}").ToArray();
        var built = CsrBuilder.Build(keys, n, rows, vocabulary, out int distinct);
        var reference = SparseFeatures.FromRows(lists, vocabulary);
        return built.Offsets.SequenceEqual(reference.Offsets) && built.Indices.SequenceEqual(reference.Indices) && distinct == reference.NonZeros;
    }

    [Property]
    public bool RatingScale_normalize_round_trips_on_its_steps(byte step, bool half)
    {
        var scale = half ? RatingScale.HalfStars : RatingScale.WholeStars;
        int steps = (int)Math.Round((scale.Max - scale.Min) / scale.Step);
        float stars = scale.Min + (step % (steps + 1)) * scale.Step;
        float n = scale.Normalize(stars);
        return scale.Contains(stars) && n >= 0 && n <= 1 && MathF.Abs(scale.Denormalize(n) - stars) < 1e-5f;
    }

    [Property]
    public bool Duplicate_resolver_matches_a_dictionary_reference(byte[] userBytes, byte[] movieBytes)
    {
        int n = Math.Min(userBytes.Length, movieBytes.Length);
        var users = userBytes.Take(n).Select(b => b % 5).ToArray();
        var movies = movieBytes.Take(n).Select(b => b % 7).ToArray();
        // Slots are first-seen order, as the accumulator assigns them.
        var slotOf = new Dictionary<int, int>();
        var slots = users.Select(u => slotOf.TryGetValue(u, out int s) ? s : slotOf[u] = slotOf.Count).ToArray();

        var dropped = DuplicateResolver.FindDropped(slots, slotOf.Count, movies, 7, DuplicateRatingPolicy.KeepLast, (_, _) => { });
        var lastOf = new Dictionary<(int, int), int>();
        for (int i = 0; i < n; i++) lastOf[(users[i], movies[i])] = i;
        var expected = Enumerable.Range(0, n).Where(i => lastOf[(users[i], movies[i])] != i).ToArray();
        return dropped.SequenceEqual(expected);
    }

    [Property]
    public bool Line_index_returns_the_recorded_lines(byte[] gaps)
    {
        var index = new LineIndex();
        var lines = new long[gaps.Length];
        long line = 1;
        for (int i = 0; i < gaps.Length; i++)
        {
            line += 1 + gaps[i] % 3;
            lines[i] = line;
            index.Add(i, line);
        }
        return Enumerable.Range(0, gaps.Length).All(i => index.LineOf(i) == lines[i]);
    }
}
