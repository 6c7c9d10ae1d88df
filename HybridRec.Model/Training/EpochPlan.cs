using HybridRec.Data;

namespace HybridRec.Model.Training;

/// <summary>
/// One epoch's schedule: the samples in shuffled order, cut into batches of <see cref="BatchSize"/> (the last
/// one may be shorter), with the user and item segment lists of every batch (docs/design.md §5). A plan's
/// arrays are reused from epoch to epoch by <see cref="Shuffle"/>.
/// </summary>
internal sealed class EpochPlan
{
    private readonly TrainingSamples _source;
    private readonly int _userUniverse;
    private readonly int _itemUniverse;
    private readonly int[] _order;

    /// <summary>Allocates a plan for <paramref name="samples"/> with the given batch size (samples in original order until <see cref="Shuffle"/>).</summary>
    public EpochPlan(TrainingSamples samples, int batchSize, int users, int items)
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

    /// <summary>Incremented by every <see cref="Shuffle"/>, so device backends know when to upload again.</summary>
    public int Version { get; private set; }

    /// <summary>First sample of batch <paramref name="batch"/>.</summary>
    public int BatchStart(int batch) => batch * BatchSize;

    /// <summary>Number of samples in batch <paramref name="batch"/>.</summary>
    public int BatchLength(int batch) => Math.Min(BatchSize, SampleCount - batch * BatchSize);

    /// <summary>Reorders the samples with a seeded Fisher–Yates shuffle and rebuilds every batch's segments.</summary>
    public void Shuffle(SeededRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
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
            return scratch;
        }, _ => { });
        Version++;
    }
}
