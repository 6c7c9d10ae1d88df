using HybridRec.Data;

namespace HybridRec.Model.Training;

/// <summary>
/// One epoch's schedule: the samples in shuffled order, cut into batches of <see cref="BatchSize"/> (the last
/// one may be shorter), with the user and item segment lists of every batch (docs/design.md §5). A plan's
/// arrays are reused from epoch to epoch by <see cref="Shuffle(SeededRandom, long)"/>. With a <see cref="NegativeSampler"/> (the ranking head)
/// every sample also gets its candidates: the sample's item followed by <see cref="RankNegatives"/> negatives drawn for
/// its user, each batch's negatives from its own stream of the shuffle's negative seed, so they do not depend on
/// threads or backend.
/// </summary>
public sealed class EpochPlan
{
    private readonly TrainingSamples _source;
    private readonly int _userUniverse;
    private readonly int _itemUniverse;
    private readonly int[] _order;
    private readonly NegativeSampler? _negatives;
    private long _negativeSeed;

    /// <summary>Allocates a plan for <paramref name="samples"/> with the given batch size (samples in original order until <see cref="Shuffle(SeededRandom, long)"/>).</summary>
    public EpochPlan(TrainingSamples samples, int batchSize, int users, int items) : this(samples, batchSize, users, items, null) { }

    /// <summary>
    /// As <see cref="EpochPlan(TrainingSamples, int, int, int)"/>; with <paramref name="negatives"/> the plan also draws
    /// the ranking head's candidates (in original order with negative seed 0 until <see cref="Shuffle(SeededRandom, long)"/>).
    /// </summary>
    public EpochPlan(TrainingSamples samples, int batchSize, int users, int items, NegativeSampler? negatives)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (samples.Count == 0) throw new ArgumentException("cannot plan an epoch over zero samples.", nameof(samples));
        _source = samples;
        _userUniverse = users;
        _itemUniverse = items;
        BatchSize = batchSize;
        SampleCount = samples.Count;
        BatchCount = (SampleCount + batchSize - 1) / batchSize;
        Users = new int[SampleCount];
        Items = new int[SampleCount];
        Targets = new float[SampleCount];
        UserSegments = new SegmentTable(batchSize, BatchCount, SampleCount);
        ItemSegments = new SegmentTable(batchSize, BatchCount, SampleCount);
        _order = new int[SampleCount];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        if (negatives is not null)
        {
            if (negatives.Items != items) throw new ArgumentException($"the negative sampler is over {negatives.Items} items but the plan over {items}.", nameof(negatives));
            _negatives = negatives;
            RankNegatives = negatives.Negatives;
            int width = 1 + RankNegatives;
            if ((long)SampleCount * width > Array.MaxLength) throw new ArgumentException($"{SampleCount:N0} samples × {width} candidates do not fit one array.");
            Candidates = new int[SampleCount * width];
            CandidateMask = new byte[SampleCount * width];
            CandidateSegments = new SegmentTable(batchSize * width, BatchCount, SampleCount * width);
        }
        Rebuild();
    }

    /// <summary>Batch size B.</summary>
    public int BatchSize { get; }

    /// <summary>Number of samples in the epoch.</summary>
    public int SampleCount { get; }

    /// <summary>Number of batches.</summary>
    public int BatchCount { get; }

    /// <summary>User index per sample, in epoch order.</summary>
    public int[] Users { get; }

    /// <summary>Item index per sample, in epoch order.</summary>
    public int[] Items { get; }

    /// <summary>Normalised target per sample, in epoch order.</summary>
    public float[] Targets { get; }

    /// <summary>User segments of every batch.</summary>
    public SegmentTable UserSegments { get; }

    /// <summary>Item segments of every batch.</summary>
    public SegmentTable ItemSegments { get; }

    /// <summary>Negatives k per sample (0: no ranking head, no candidates).</summary>
    public int RankNegatives { get; }

    /// <summary>
    /// Candidates per sample in epoch order, 1 + k each: the sample's item (the positive), then its k negatives
    /// (SampleCount·(1 + k); empty without a ranking head). Batch b's candidates start at BatchStart(b)·(1 + k).
    /// </summary>
    public int[] Candidates { get; } = [];

    /// <summary>Per candidate, 1 when it takes part in the loss and 0 when masked (a negative whose rejection sampling ran out of tries; never the positive).</summary>
    public byte[] CandidateMask { get; } = [];

    /// <summary>
    /// Item segments over each batch's n·(1 + k) candidate entries (stride B·(1 + k); a segment's samples are
    /// batch-local entry positions e, sample e / (1 + k), candidate e % (1 + k)); null without a ranking head.
    /// </summary>
    public SegmentTable? CandidateSegments { get; }

    /// <summary>Incremented by every <see cref="Shuffle(SeededRandom, long)"/>, so device backends know when to upload again.</summary>
    public int Version { get; private set; }

    /// <summary>First sample of batch <paramref name="batch"/>.</summary>
    public int BatchStart(int batch) => batch * BatchSize;

    /// <summary>Number of samples in batch <paramref name="batch"/>.</summary>
    public int BatchLength(int batch) => Math.Min(BatchSize, SampleCount - batch * BatchSize);

    /// <summary>Reorders the samples with a seeded Fisher–Yates shuffle and rebuilds every batch's segments (negatives, if any, with negative seed 0).</summary>
    public void Shuffle(SeededRandom rng) => Shuffle(rng, 0);

    /// <summary>
    /// Reorders the samples with a seeded Fisher–Yates shuffle and rebuilds every batch's segments; the ranking head's
    /// negatives of batch b are drawn from <c>SeededRandom.For(negativeSeed, "batch:b")</c>.
    /// </summary>
    public void Shuffle(SeededRandom rng, long negativeSeed)
    {
        ArgumentNullException.ThrowIfNull(rng);
        _negativeSeed = negativeSeed;
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        rng.Shuffle(_order.AsSpan());
        Rebuild();
    }

    private void Rebuild()
    {
        var src = _source;
        var order = _order;
        Parallel.For(0, BatchCount, () => (UserCounts: (int[]?)null, ItemCounts: (int[]?)null), (b, _, scratch) =>
        {
            int start = BatchStart(b);
            int n = BatchLength(b);
            for (int i = start; i < start + n; i++)
            {
                int j = order[i];
                Users[i] = src.Users[j];
                Items[i] = src.Items[j];
                Targets[i] = src.Targets[j];
            }
            // Counting sort pays off when the batch is at least a quarter of the row universe.
            if (n * 4 >= _userUniverse) scratch.UserCounts ??= new int[_userUniverse + 1];
            if (n * 4 >= _itemUniverse) scratch.ItemCounts ??= new int[_itemUniverse + 1];
            UserSegments.BuildBatch(b, Users.AsSpan(start, n), _userUniverse, n * 4 >= _userUniverse ? scratch.UserCounts : null);
            ItemSegments.BuildBatch(b, Items.AsSpan(start, n), _itemUniverse, n * 4 >= _itemUniverse ? scratch.ItemCounts : null);
            if (_negatives is not null) DrawCandidates(b, start, n, scratch.ItemCounts ??= new int[_itemUniverse + 1]);
            return scratch;
        }, _ => { });
        Version++;
    }

    private void DrawCandidates(int batch, int start, int n, int[] countScratch)
    {
        int width = 1 + RankNegatives;
        var rng = SeededRandom.For(_negativeSeed, $"batch:{batch}");
        for (int i = start; i < start + n; i++)
        {
            int c = i * width;
            Candidates[c] = Items[i];
            CandidateMask[c] = 1;
            for (int j = 1; j < width; j++)
            {
                CandidateMask[c + j] = _negatives!.Draw(Users[i], rng, out int item) ? (byte)1 : (byte)0;
                Candidates[c + j] = item;
            }
        }
        int entries = n * width;
        CandidateSegments!.BuildBatch(batch, Candidates.AsSpan(start * width, entries), _itemUniverse, entries * 4 >= _itemUniverse ? countScratch : null);
    }
}
