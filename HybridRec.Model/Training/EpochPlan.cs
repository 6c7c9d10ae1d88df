using HybridRec.Data;

namespace HybridRec.Model.Training;

/// <summary>
/// One epoch's schedule: the samples in shuffled order, cut into batches of <see cref="BatchSize"/> (the last
/// one may be shorter), with the user and movie segment lists of every batch (docs/design.md §5). A plan's
/// arrays are reused from epoch to epoch by <see cref="Shuffle"/>.
/// </summary>
public sealed class EpochPlan
{
    private readonly TrainingSamples _source;
    private readonly int _userUniverse;
    private readonly int _movieUniverse;
    private readonly int[] _order;

    /// <summary>Allocates a plan for <paramref name="samples"/> with the given batch size (samples in original order until <see cref="Shuffle"/>).</summary>
    public EpochPlan(TrainingSamples samples, int batchSize, int users, int movies)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (samples.Count == 0) throw new ArgumentException("cannot plan an epoch over zero samples.", nameof(samples));
        _source = samples;
        _userUniverse = users;
        _movieUniverse = movies;
        BatchSize = batchSize;
        SampleCount = samples.Count;
        BatchCount = (SampleCount + batchSize - 1) / batchSize;
        Users = new int[SampleCount];
        Movies = new int[SampleCount];
        Targets = new float[SampleCount];
        UserSegments = new SegmentTable(batchSize, BatchCount, SampleCount);
        MovieSegments = new SegmentTable(batchSize, BatchCount, SampleCount);
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

    /// <summary>Movie index per sample, in epoch order.</summary>
    public int[] Movies { get; }

    /// <summary>Normalised target per sample, in epoch order.</summary>
    public float[] Targets { get; }

    /// <summary>User segments of every batch.</summary>
    public SegmentTable UserSegments { get; }

    /// <summary>Movie segments of every batch.</summary>
    public SegmentTable MovieSegments { get; }

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
        Parallel.For(0, BatchCount, () => (UserCounts: (int[]?)null, MovieCounts: (int[]?)null), (b, _, scratch) =>
        {
            int start = BatchStart(b);
            int n = BatchLength(b);
            for (int i = start; i < start + n; i++)
            {
                int j = order[i];
                Users[i] = src.Users[j];
                Movies[i] = src.Movies[j];
                Targets[i] = src.Targets[j];
            }
            // Counting sort pays off when the batch is at least a quarter of the row universe.
            if (n * 4 >= _userUniverse) scratch.UserCounts ??= new int[_userUniverse + 1];
            if (n * 4 >= _movieUniverse) scratch.MovieCounts ??= new int[_movieUniverse + 1];
            UserSegments.BuildBatch(b, Users.AsSpan(start, n), _userUniverse, n * 4 >= _userUniverse ? scratch.UserCounts : null);
            MovieSegments.BuildBatch(b, Movies.AsSpan(start, n), _movieUniverse, n * 4 >= _movieUniverse ? scratch.MovieCounts : null);
            return scratch;
        }, _ => { });
        Version++;
    }
}
