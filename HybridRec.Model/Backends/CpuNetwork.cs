using System.Numerics;
using HybridRec.Model.Parameters;
using HybridRec.Model.Training;

namespace HybridRec.Model.Backends;

/// <summary>
/// The managed implementation of the hybrid network (docs/design.md), generic in the number type so that the
/// same code trains in float and is checked against finite differences in double. One batch is processed in
/// four phases, each deterministic whatever the thread count:
/// <list type="number">
/// <item>per sample, in fixed chunks (chunking depends only on the batch size): forward, loss, backward;
/// dense-weight gradients go to chunk-local accumulators, embedding-row gradients to per-sample rows;</item>
/// <item>chunk accumulators are summed in chunk order into the gradient block, plus the dense L2 term;</item>
/// <item>per distinct user and item, the per-sample rows are summed in segment order into the gradient rows (with a
/// ranking head also per distinct candidate item: the per-entry logit gradients times the users' P3 rows);</item>
/// <item>Adam (dense or lazy), which also clears the gradient.</item>
/// </list>
/// </summary>
internal sealed class CpuNetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int MinChunk = 128;
    private const int MaxChunks = 64;
    private const int RowsPerTask = 256;

    private readonly ParameterLayout _l;
    private readonly int _p, _e, _hn, _th, _denseOffset, _denseCount;
    private readonly int _userWidth, _itemWidth;   // per-sample gradient row widths: users [cf | nn | bias? | rank?], items [cf | nn | bias?]
    private readonly int _er;                        // ranking embedding size (0: no ranking head)
    private readonly T _rankWeight, _rankStepScale;
    private readonly T[] _logQ;                      // (M) log q, zeros without the correction (empty without a head)
    private readonly int _tableL2End;                // the whole-table L2 covers [0, this)
    private readonly (ParameterSlice Slice, int Width)[] _userPieces, _itemPieces;       // per-sample row columns → slices
    private readonly (ParameterSlice Slice, int Width)[] _userRatingPieces, _userRankPieces, _candidatePieces;   // lazy Adam's row groups
    private readonly T[] _block;                     // (4P): parameters | gradients | m | v
    private readonly Tower[] _towers;                // item towers, then user towers (concatenation order)
    private readonly T _offset, _l2e, _l2t, _l2d;
    private AdamOptions _adam;
    private readonly ParallelOptions _parallel;
    private readonly ChunkState[] _chunks;
    private T[] _userGrads = [], _itemGrads = [];   // (B, userWidth), (B, itemWidth)
    private T[] _candidateGrads = [];                // (B·(1+k)) dCE/dlogit per candidate entry, already scaled by W/n
    private int[] _entryUsers = [];                  // (B·(1+k)) the entry's user; ~user (negative) for the positive entry
    private double _lossSum, _rankLossSum;
    private long _lossCount, _rankLossCount;

    public CpuNetwork(BackendSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        setup.Validate();
        _l = setup.Layout;
        _p = _l.Count;
        _e = _l.E;
        _hn = _l.Hn;
        _th = _l.ItemTowerWidth + _l.UserTowerWidth;
        _denseOffset = _l.DenseOffset;
        _denseCount = _l.DenseCount;
        _er = setup.TrainsRankingHead ? _l.Er : 0;    // an untrained head is left alone: no rows, no gradient
        _itemWidth = 2 * _e + (_l.HasBiases ? 1 : 0);
        _userWidth = _itemWidth + _er;
        _userPieces = [(_l.UserCf, _e), (_l.UserNn, _e), .. _l.HasBiases ? [(_l.UserBias!, 1)] : Array.Empty<(ParameterSlice, int)>(), .. _er > 0 ? [(_l.UserRank!, _er)] : Array.Empty<(ParameterSlice, int)>()];
        _itemPieces = [(_l.ItemCf, _e), (_l.ItemNn, _e), .. _l.HasBiases ? [(_l.ItemBias!, 1)] : Array.Empty<(ParameterSlice, int)>()];
        _userRatingPieces = _userPieces[..(_userPieces.Length - (_er > 0 ? 1 : 0))];
        _userRankPieces = _er > 0 ? [(_l.UserRank!, _er)] : [];
        _candidatePieces = _er > 0 ? [(_l.ItemRank!, _er), (_l.ItemRankBias!, 1)] : [];
        _rankWeight = T.CreateTruncating(setup.Ranking.Weight);
        _rankStepScale = T.CreateTruncating(setup.Ranking.LearningRateScale);
        _logQ = _er == 0 ? [] : setup.LogQ is { } logQ ? logQ.Select(T.CreateTruncating).ToArray() : new T[_l.Dimensions.Items];
        _tableL2End = setup.TableL2End;
        _block = new T[4L * _p <= Array.MaxLength ? 4 * _p : throw new ArgumentException("parameter block too large for one array.")];
        _towers = _l.Towers.Select(t => new Tower(t, setup.FeaturesOf(t), t.ConcatColumn - _l.ConcatItemTowerColumn)).ToArray();
        _offset = _l.HasBiases ? T.CreateTruncating(setup.GlobalOffset) : T.Zero;
        _l2e = T.CreateTruncating(_l.Options.EmbeddingL2);
        _l2t = T.CreateTruncating(_l.Options.EmbeddingTableL2);
        _l2d = T.CreateTruncating(_l.Options.DenseL2);
        _adam = setup.Adam;
        int threads = setup.Threads > 0 ? setup.Threads : Environment.ProcessorCount;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        _chunks = new ChunkState[MaxChunks];
    }

    public ParameterLayout Layout => _l;

    /// <summary>The learning rate of the following steps (Adam's moments and step count are kept).</summary>
    public float LearningRate
    {
        get => _adam.LearningRate;
        set => _adam = _adam with { LearningRate = value };
    }

    public long Step { get; private set; }

    public Span<T> Parameters => _block.AsSpan(0, _p);

    public Span<T> Gradients => _block.AsSpan(_p, _p);

    public Span<T> FirstMoments => _block.AsSpan(2 * _p, _p);

    public Span<T> SecondMoments => _block.AsSpan(3 * _p, _p);

    public void SetParameters(ReadOnlySpan<float> values)
    {
        if (values.Length != _p) throw new ArgumentException($"expected {_p} parameters, got {values.Length}.");
        var p = Parameters;
        for (int i = 0; i < _p; i++) p[i] = T.CreateTruncating(values[i]);
        _block.AsSpan(_p).Clear();
        Step = 0;
        _lossSum = 0;
        _lossCount = 0;
    }

    public void SetParameters(ReadOnlySpan<T> values)
    {
        if (values.Length != _p) throw new ArgumentException($"expected {_p} parameters, got {values.Length}.");
        values.CopyTo(Parameters);
        _block.AsSpan(_p).Clear();
        Step = 0;
    }

    public void GetParameters(Span<float> destination)
    {
        if (destination.Length != _p) throw new ArgumentException($"expected a buffer of {_p}, got {destination.Length}.");
        var p = Parameters;
        for (int i = 0; i < _p; i++) destination[i] = float.CreateTruncating(p[i]);
    }

    public (double SumSquaredError, long Count) TakeLoss()
    {
        var r = (_lossSum, _lossCount);
        _lossSum = 0;
        _lossCount = 0;
        return r;
    }

    /// <summary>The summed sampled-softmax cross-entropy (unweighted) and the sample count of the steps since the last call, then resets them; (0, 0) without a ranking head.</summary>
    public (double SumCrossEntropy, long Count) TakeRankingLoss()
    {
        var r = (_rankLossSum, _rankLossCount);
        _rankLossSum = 0;
        _rankLossCount = 0;
        return r;
    }

    /// <summary>Forward, backward and Adam on one batch.</summary>
    public void TrainBatch(EpochPlan plan, int batch)
    {
        ComputeGradients(plan, batch);
        ApplyAdam(plan, batch);
    }

    // ---------------------------------------------------------------- phases 1–3

    /// <summary>Writes the full gradient of the batch objective into the gradient block (touched rows only for row-sparse slices) and accumulates the loss.</summary>
    public void ComputeGradients(EpochPlan plan, int batch)
    {
        int n = plan.BatchLength(batch);
        int start = plan.BatchStart(batch);
        int width = 1 + RankNegativesOf(plan);   // candidates per sample (1 without a head)
        EnsureCapacity(n, width);
        int chunkSize = Math.Max(MinChunk, (n + MaxChunks - 1) / MaxChunks);
        int chunkCount = (n + chunkSize - 1) / chunkSize;
        T invN2 = T.CreateTruncating(2.0 / n);
        T regE = T.CreateTruncating(2.0 / n) * _l2e;
        T rankScale = _rankWeight / T.CreateTruncating(n);

        void RunChunk(int c)
        {
            var cs = _chunks[c] ??= new ChunkState(_denseCount, _hn, _th, _e);
            cs.Dense.AsSpan().Clear();
            cs.Loss = 0;
            cs.RankLoss = 0;
            if (_er > 0 && cs.Logits.Length < width) cs.Logits = new T[width];
            int end = Math.Min(n, (c + 1) * chunkSize);
            for (int i = c * chunkSize; i < end; i++)
            {
                var userRow = _userGrads.AsSpan(i * _userWidth, _userWidth);
                SampleForwardBackward(plan.Users[start + i], plan.Items[start + i], T.CreateTruncating(plan.Targets[start + i]),
                    invN2, regE, cs, userRow, _itemGrads.AsSpan(i * _itemWidth, _itemWidth));
                if (_er > 0)
                {
                    int u = plan.Users[start + i];
                    RankForwardBackward(plan, (start + i) * width, width, u, rankScale, regE, cs, userRow[_itemWidth..], _candidateGrads.AsSpan(i * width, width));
                    var users = _entryUsers.AsSpan(i * width, width);
                    users.Fill(u);
                    users[0] = ~u;
                }
            }
        }

        if (chunkCount == 1) RunChunk(0);
        else Parallel.For(0, chunkCount, _parallel, RunChunk);

        // Phase 2: dense gradients, summed in chunk order, plus the dense L2 term.
        var g = Gradients.Slice(_denseOffset, _denseCount);
        _chunks[0].Dense.AsSpan().CopyTo(g);
        double loss = _chunks[0].Loss, rankLoss = _chunks[0].RankLoss;
        for (int c = 1; c < chunkCount; c++)
        {
            VectorMath<T>.Add(_chunks[c].Dense, g);
            loss += _chunks[c].Loss;
            rankLoss += _chunks[c].RankLoss;
        }
        if (_l2d != T.Zero)
        {
            T two = _l2d + _l2d;
            foreach (var s in _l.Slices)
                if (s.Regularized && s.Length > 0)
                    VectorMath<T>.Axpy(two, Parameters.Slice(s.Offset, s.Length), Gradients.Slice(s.Offset, s.Length));
        }
        _lossSum += loss;
        _lossCount += n;
        if (_er > 0)
        {
            _rankLossSum += rankLoss;
            _rankLossCount += n;
        }

        // Phase 3: per distinct row, sum the per-sample rows in segment order.
        ScatterSegments(plan.UserSegments, batch, _userGrads, _userWidth, _userPieces);
        ScatterSegments(plan.ItemSegments, batch, _itemGrads, _itemWidth, _itemPieces);
        if (_er > 0) ScatterCandidates(plan, batch, regE);

        // Whole-table L2: every row of the row-sparse range (the ranking head's slices unless excluded), once per step.
        if (_l2t != T.Zero) AddScaledParallel(_l2t + _l2t, 0, _tableL2End);
    }

    private int RankNegativesOf(EpochPlan plan)
    {
        if (_er == 0) return 0;
        if (plan.RankNegatives < 1 || plan.CandidateSegments is null)
            throw new ArgumentException("the network has a ranking head but the plan has no candidates (build the EpochPlan with a NegativeSampler).");
        return plan.RankNegatives;
    }

    private void AddScaledParallel(T alpha, int offset, int count)
    {
        const int Block = 1 << 16;
        int blocks = (count + Block - 1) / Block;
        void Run(int b)
        {
            int from = offset + b * Block;
            int len = Math.Min(Block, offset + count - from);
            VectorMath<T>.Axpy(alpha, _block.AsSpan(from, len), _block.AsSpan(_p + from, len));
        }
        if (blocks <= 1) { if (count > 0) Run(0); }
        else Parallel.For(0, blocks, _parallel, Run);
    }

    /// <summary>Per distinct row of <paramref name="seg"/>, sums its samples' per-sample rows in segment order and writes the pieces (consecutive column ranges) into their slices' rows.</summary>
    private void ScatterSegments(SegmentTable seg, int batch, T[] perSample, int width, (ParameterSlice Slice, int Width)[] pieces)
    {
        int k = seg.RowCounts[batch];
        int rowStart = seg.RowStart(batch);
        int offStart = seg.OffsetStart(batch);
        int[] rows = seg.Rows, offsets = seg.Offsets, samples = seg.Samples;

        void RunRange(int from, int to)
        {
            Span<T> acc = width <= 512 ? stackalloc T[width] : new T[width];
            var grads = Gradients;
            for (int r = from; r < to; r++)
            {
                acc.Clear();
                int s0 = offsets[offStart + r], s1 = offsets[offStart + r + 1];
                for (int s = s0; s < s1; s++)
                    VectorMath<T>.Add(perSample.AsSpan(samples[rowStart + s] * width, width), acc);
                int row = rows[rowStart + r];
                int column = 0;
                foreach (var (slice, w) in pieces)
                {
                    acc.Slice(column, w).CopyTo(grads.Slice(slice.Offset + row * w, w));
                    column += w;
                }
            }
        }

        RunRows(k, RunRange);
    }

    private void RunRows(int k, Action<int, int> range)
    {
        if (k <= RowsPerTask) range(0, k);
        else Parallel.For(0, (k + RowsPerTask - 1) / RowsPerTask, _parallel, t => range(t * RowsPerTask, Math.Min(k, (t + 1) * RowsPerTask)));
    }

    /// <summary>
    /// The ranking head's item rows: per distinct candidate item m, in segment order over its entries e (sample b, candidate j),
    /// dQ3[m] = Σ g_e·P3[u_b] (+ λe·2/n·Q3[m] where j = 0) and dr[m] = Σ g_e (+ λe·2/n·r[m] where j = 0).
    /// </summary>
    private void ScatterCandidates(EpochPlan plan, int batch, T regE)
    {
        var seg = plan.CandidateSegments!;
        int k = seg.RowCounts[batch];
        int rowStart = seg.RowStart(batch);
        int offStart = seg.OffsetStart(batch);
        int[] rows = seg.Rows, offsets = seg.Offsets, samples = seg.Samples, entryUsers = _entryUsers;
        int er = _er, p3 = _l.UserRank!.Offset, q3 = _l.ItemRank!.Offset, rb = _l.ItemRankBias!.Offset;

        void RunRange(int from, int to)
        {
            var p = Parameters;
            var grads = Gradients;
            for (int r = from; r < to; r++)
            {
                int row = rows[rowStart + r];
                var acc = grads.Slice(q3 + row * er, er);    // touched rows of the gradient are overwritten
                acc.Clear();
                T bias = T.Zero;
                int s0 = offsets[offStart + r], s1 = offsets[offStart + r + 1];
                for (int s = s0; s < s1; s++)
                {
                    int e = samples[rowStart + s];
                    T g = _candidateGrads[e];
                    int u = entryUsers[e];
                    bool positive = u < 0;
                    if (positive) u = ~u;
                    if (g != T.Zero) VectorMath<T>.Axpy(g, p.Slice(p3 + u * er, er), acc);
                    bias += g;
                    if (positive)
                    {
                        VectorMath<T>.Axpy(regE, p.Slice(q3 + row * er, er), acc);
                        bias += regE * p[rb + row];
                    }
                }
                grads[rb + row] = bias;
            }
        }

        RunRows(k, RunRange);
    }

    // ---------------------------------------------------------------- phase 4: Adam

    /// <summary>One Adam step (dense or lazy per the options), clearing the gradient.</summary>
    public void ApplyAdam(EpochPlan plan, int batch)
    {
        Step++;
        T alpha = T.CreateTruncating(_adam.StepSize(Step));
        T b1 = T.CreateTruncating(_adam.Beta1), b2 = T.CreateTruncating(_adam.Beta2), eps = T.CreateTruncating(_adam.Epsilon);
        T rankAlpha = alpha * _rankStepScale;
        if (_adam.Variant == AdamVariant.Dense)
        {
            if (_er == 0 || rankAlpha == alpha) AdamRange(0, _p, alpha, b1, b2, eps);
            else
            {
                AdamRange(0, _l.RankOffset, alpha, b1, b2, eps);
                AdamRange(_l.RankOffset, _denseOffset - _l.RankOffset, rankAlpha, b1, b2, eps);
                AdamRange(_denseOffset, _denseCount, alpha, b1, b2, eps);
            }
            return;
        }
        AdamRange(_denseOffset, _denseCount, alpha, b1, b2, eps);
        AdamRows(plan.UserSegments, batch, alpha, b1, b2, eps, _userRatingPieces);
        AdamRows(plan.ItemSegments, batch, alpha, b1, b2, eps, _itemPieces);
        if (_er > 0)
        {
            AdamRows(plan.UserSegments, batch, rankAlpha, b1, b2, eps, _userRankPieces);
            AdamRows(plan.CandidateSegments!, batch, rankAlpha, b1, b2, eps, _candidatePieces);
        }
    }

    private void AdamRange(int offset, int count, T alpha, T b1, T b2, T eps)
    {
        const int Block = 1 << 16;
        int blocks = (count + Block - 1) / Block;
        void Run(int b)
        {
            int from = offset + b * Block;
            int len = Math.Min(Block, offset + count - from);
            VectorMath<T>.Adam(_block.AsSpan(from, len), _block.AsSpan(_p + from, len), _block.AsSpan(2 * _p + from, len), _block.AsSpan(3 * _p + from, len), alpha, b1, b2, eps);
        }
        if (blocks <= 1) { if (count > 0) Run(0); }
        else Parallel.For(0, blocks, _parallel, Run);
    }

    private void AdamRows(SegmentTable seg, int batch, T alpha, T b1, T b2, T eps, (ParameterSlice Slice, int Width)[] pieces)
    {
        int k = seg.RowCounts[batch];
        int rowStart = seg.RowStart(batch);
        int[] rows = seg.Rows;
        void RunRange(int from, int to)
        {
            for (int r = from; r < to; r++)
            {
                int row = rows[rowStart + r];
                foreach (var (slice, w) in pieces) AdamSpan(slice.Offset + row * w, w, alpha, b1, b2, eps);
            }
        }
        RunRows(k, RunRange);
    }

    private void AdamSpan(int from, int len, T alpha, T b1, T b2, T eps) =>
        VectorMath<T>.Adam(_block.AsSpan(from, len), _block.AsSpan(_p + from, len), _block.AsSpan(2 * _p + from, len), _block.AsSpan(3 * _p + from, len), alpha, b1, b2, eps);

    // ---------------------------------------------------------------- per-sample math

    /// <summary>Forward pass of one sample; fills the activations in <paramref name="cs"/> and returns y.</summary>
    private T Forward(int u, int m, ChunkState cs)
    {
        var p = Parameters;
        int e = _e;
        var p1 = p.Slice(_l.UserCf.Offset + u * e, e);
        var q1 = p.Slice(_l.ItemCf.Offset + m * e, e);
        var p2 = p.Slice(_l.UserNn.Offset + u * e, e);
        var q2 = p.Slice(_l.ItemNn.Offset + m * e, e);
        T z = VectorMath<T>.Dot(p1, q1);
        cs.Z = z;

        // Neural branch: hn = ReLU(Wn [p2; q2] + bn)                       // (Hn)
        var hn = cs.Hn.AsSpan();
        var wn = p.Slice(_l.NnKernel.Offset, _l.NnKernel.Length);
        var bn = p.Slice(_l.NnBias.Offset, _hn);
        for (int o = 0; o < _hn; o++)
        {
            var row = wn.Slice(o * 2 * e, 2 * e);
            T pre = bn[o] + VectorMath<T>.Dot(row[..e], p2) + VectorMath<T>.Dot(row.Slice(e, e), q2);
            hn[o] = pre > T.Zero ? pre : T.Zero;
        }

        // Towers: h_g = ReLU(b_g + Σ_j W_g[j, :]) over the item's (or the user's) features   // (W_g) each
        foreach (var t in _towers)
            Bag(p.Slice(t.Layout.Kernel.Offset, t.Layout.Kernel.Length), p.Slice(t.Layout.Bias.Offset, t.Layout.Width), t.Offsets, t.Indices, t.OnUser ? u : m, cs.H.AsSpan(t.H, t.Layout.Width));

        // Output: y = Wo·[z, hn, item towers, user towers] + bo (+ bu + bm + μ), summed left to right
        var wo = p.Slice(_l.OutKernel.Offset, _l.ConcatWidth);
        T y = p[_l.OutBias.Offset] + wo[0] * z
              + VectorMath<T>.Dot(wo.Slice(_l.ConcatNnColumn, _hn), hn);
        foreach (var t in _towers)
            y += VectorMath<T>.Dot(wo.Slice(t.Layout.ConcatColumn, t.Layout.Width), cs.H.AsSpan(t.H, t.Layout.Width));
        if (_l.HasBiases) y += p[_l.UserBias!.Offset + u] + p[_l.ItemBias!.Offset + m] + _offset;
        return y;
    }

    /// <summary>A tower's activation for row <paramref name="row"/> (an item or a user): h = ReLU(b + Σ_j W[j, :]) over its active features j.  // (H)</summary>
    internal static void Bag(ReadOnlySpan<T> w, ReadOnlySpan<T> b, int[] offsets, int[] indices, int row, Span<T> h)
    {
        int width = h.Length;
        b.CopyTo(h);
        for (int k = offsets[row]; k < offsets[row + 1]; k++)
            VectorMath<T>.Add(w.Slice(indices[k] * width, width), h);
        VectorMath<T>.Relu(h);
    }

    private void SampleForwardBackward(int u, int m, T target, T invN2, T regE, ChunkState cs, Span<T> userRow, Span<T> itemRow)
    {
        T y = Forward(u, m, cs);
        T err = y - target;
        cs.Loss += double.CreateTruncating(err * err);
        T dy = invN2 * err;

        var p = Parameters;
        var d = cs.Dense.AsSpan();                       // chunk-local gradient of the dense range
        int e = _e;
        var p1 = p.Slice(_l.UserCf.Offset + u * e, e);
        var q1 = p.Slice(_l.ItemCf.Offset + m * e, e);
        var p2 = p.Slice(_l.UserNn.Offset + u * e, e);
        var q2 = p.Slice(_l.ItemNn.Offset + m * e, e);
        var wo = p.Slice(_l.OutKernel.Offset, _l.ConcatWidth);

        // Output layer: dWo += dy·c, dbo += dy.
        var dwo = d.Slice(_l.OutKernel.Offset - _denseOffset, _l.ConcatWidth);
        dwo[0] += dy * cs.Z;
        VectorMath<T>.Axpy(dy, cs.Hn, dwo.Slice(_l.ConcatNnColumn, _hn));
        foreach (var t in _towers)
            VectorMath<T>.Axpy(dy, cs.H.AsSpan(t.H, t.Layout.Width), dwo.Slice(t.Layout.ConcatColumn, t.Layout.Width));
        d[_l.OutBias.Offset - _denseOffset] += dy;

        // Collaborative branch: dP1 = dz·Q1[m], dQ1 = dz·P1[u] (+ per-occurrence L2).
        T dz = dy * wo[0];
        VectorMath<T>.ScaleAdd(dz, q1, regE, p1, userRow[..e]);
        VectorMath<T>.ScaleAdd(dz, p1, regE, q1, itemRow[..e]);

        // Neural branch: dhn = dy·Wo[hn] ⊙ [hn > 0]; dWn += dhn ⊗ x; dx = Wnᵀ dhn.
        var dx = cs.Dx.AsSpan();                         // (2E)
        dx.Clear();
        var wn = p.Slice(_l.NnKernel.Offset, _l.NnKernel.Length);
        var dwn = d.Slice(_l.NnKernel.Offset - _denseOffset, _l.NnKernel.Length);
        var dbn = d.Slice(_l.NnBias.Offset - _denseOffset, _hn);
        var won = wo.Slice(_l.ConcatNnColumn, _hn);
        for (int o = 0; o < _hn; o++)
        {
            if (!(cs.Hn[o] > T.Zero)) continue;
            T g = dy * won[o];
            dbn[o] += g;
            var dRow = dwn.Slice(o * 2 * e, 2 * e);
            VectorMath<T>.Axpy(g, p2, dRow[..e]);
            VectorMath<T>.Axpy(g, q2, dRow.Slice(e, e));
            VectorMath<T>.Axpy(g, wn.Slice(o * 2 * e, 2 * e), dx);
        }
        VectorMath<T>.ScaleAdd(T.One, dx[..e], regE, p2, userRow.Slice(e, e));
        VectorMath<T>.ScaleAdd(T.One, dx.Slice(e, e), regE, q2, itemRow.Slice(e, e));

        if (_l.HasBiases)
        {
            userRow[2 * e] = dy + regE * p[_l.UserBias!.Offset + u];
            itemRow[2 * e] = dy + regE * p[_l.ItemBias!.Offset + m];
        }

        // Towers: dW[j, :] += dh for each active feature j; db += dh.
        foreach (var t in _towers)
            BagBackward(dy, wo.Slice(t.Layout.ConcatColumn, t.Layout.Width), cs.H.AsSpan(t.H, t.Layout.Width), cs.DH.AsSpan(t.H, t.Layout.Width), d,
                t.Layout.Kernel, t.Layout.Bias, t.Offsets, t.Indices, t.OnUser ? u : m);
    }

    /// <summary>
    /// The ranking term of one sample (user <paramref name="u"/>, candidates from <paramref name="entry0"/>): logits
    /// l_j = P3[u]·Q3[c_j] + r[c_j] − log q(c_j) over the unmasked candidates, CE = logsumexp_j l_j − l_0 added to the chunk's
    /// ranking loss, g_j = <paramref name="scale"/>·(softmax_j − [j = 0]) into <paramref name="entryGrads"/> (0 when masked),
    /// and dP3[u] = Σ_j g_j Q3[c_j] + λe·2/n·P3[u] into <paramref name="userRankRow"/>.
    /// </summary>
    private void RankForwardBackward(EpochPlan plan, int entry0, int width, int u, T scale, T regE, ChunkState cs, Span<T> userRankRow, Span<T> entryGrads)
    {
        var p = Parameters;
        int er = _er, q3 = _l.ItemRank!.Offset, rb = _l.ItemRankBias!.Offset;
        var p3 = p.Slice(_l.UserRank!.Offset + u * er, er);
        var candidates = plan.Candidates.AsSpan(entry0, width);
        var mask = plan.CandidateMask.AsSpan(entry0, width);
        var logits = cs.Logits.AsSpan(0, width);          // (1+k): logits, then exp(l − max)
        T max = T.NegativeInfinity;
        for (int j = 0; j < width; j++)
        {
            if (mask[j] == 0) continue;
            int m = candidates[j];
            T l = VectorMath<T>.Dot(p3, p.Slice(q3 + m * er, er)) + p[rb + m] - _logQ[m];
            logits[j] = l;
            if (l > max) max = l;
        }
        T positive = logits[0];
        T sum = T.Zero;
        for (int j = 0; j < width; j++)
        {
            if (mask[j] == 0) continue;
            logits[j] = T.Exp(logits[j] - max);
            sum += logits[j];
        }
        cs.RankLoss += double.CreateTruncating(T.Log(sum) + max - positive);

        for (int d = 0; d < er; d++) userRankRow[d] = regE * p3[d];
        for (int j = 0; j < width; j++)
        {
            T g = mask[j] == 0 ? T.Zero : scale * (logits[j] / sum - (j == 0 ? T.One : T.Zero));
            entryGrads[j] = g;
            if (g != T.Zero) VectorMath<T>.Axpy(g, p.Slice(q3 + candidates[j] * er, er), userRankRow);
        }
    }

    private void BagBackward(T dy, ReadOnlySpan<T> wo, ReadOnlySpan<T> h, Span<T> dh, Span<T> d, ParameterSlice kernel, ParameterSlice bias, int[] offsets, int[] indices, int row)
    {
        int width = h.Length;
        bool any = false;
        for (int j = 0; j < width; j++)
        {
            dh[j] = h[j] > T.Zero ? dy * wo[j] : T.Zero;
            any |= dh[j] != T.Zero;
        }
        if (!any) return;
        VectorMath<T>.Add(dh, d.Slice(bias.Offset - _denseOffset, width));
        var dw = d.Slice(kernel.Offset - _denseOffset, kernel.Length);
        for (int k = offsets[row]; k < offsets[row + 1]; k++)
            VectorMath<T>.Add(dh, dw.Slice(indices[k] * width, width));
    }

    // ---------------------------------------------------------------- inference and checks

    /// <summary>Raw normalised predictions.</summary>
    public void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> items, Span<T> output, bool parallel = true)
    {
        if (users.Length != items.Length || output.Length < users.Length) throw new ArgumentException("users, items and output lengths differ.");
        int n = users.Length;
        const int Chunk = 2048;
        if (n <= Chunk || !parallel)
        {
            var cs = new ChunkState(0, _hn, _th, _e);
            for (int i = 0; i < n; i++) output[i] = Forward(users[i], items[i], cs);
            return;
        }
        int[] u = users.ToArray(), m = items.ToArray();
        var result = new T[n];
        Parallel.For(0, (n + Chunk - 1) / Chunk, _parallel, () => new ChunkState(0, _hn, _th, _e), (c, _, cs) =>
        {
            int end = Math.Min(n, (c + 1) * Chunk);
            for (int i = c * Chunk; i < end; i++) result[i] = Forward(u[i], m[i], cs);
            return cs;
        }, _ => { });
        result.AsSpan().CopyTo(output);
    }

    /// <summary>
    /// The batch objective L of design.md §1 (mean squared error plus the L2 terms, plus Weight · mean sampled-softmax
    /// cross-entropy with a ranking head, "Ranking head") at the current parameters,
    /// forward only; used by the finite-difference gradient checks.
    /// </summary>
    public double Objective(EpochPlan plan, int batch)
    {
        int n = plan.BatchLength(batch);
        int start = plan.BatchStart(batch);
        var cs = new ChunkState(0, _hn, _th, _e);
        var p = Parameters;
        double sse = 0, rowPenalty = 0;
        for (int i = 0; i < n; i++)
        {
            int u = plan.Users[start + i], m = plan.Items[start + i];
            double err = double.CreateTruncating(Forward(u, m, cs)) - plan.Targets[start + i];
            sse += err * err;
            rowPenalty += SquaredNorm(p.Slice(_l.UserCf.Offset + u * _e, _e)) + SquaredNorm(p.Slice(_l.ItemCf.Offset + m * _e, _e))
                        + SquaredNorm(p.Slice(_l.UserNn.Offset + u * _e, _e)) + SquaredNorm(p.Slice(_l.ItemNn.Offset + m * _e, _e));
            if (_l.HasBiases)
            {
                double bu = double.CreateTruncating(p[_l.UserBias!.Offset + u]), bm = double.CreateTruncating(p[_l.ItemBias!.Offset + m]);
                rowPenalty += bu * bu + bm * bm;
            }
        }
        double rankLoss = 0;
        if (_er > 0)
        {
            int width = 1 + RankNegativesOf(plan);
            for (int i = 0; i < n; i++)
            {
                int u = plan.Users[start + i], e0 = (start + i) * width, positive = plan.Candidates[e0];
                var p3 = p.Slice(_l.UserRank!.Offset + u * _er, _er);
                var logits = new List<double>(width);
                for (int j = 0; j < width; j++)
                {
                    if (plan.CandidateMask[e0 + j] == 0) continue;
                    int m = plan.Candidates[e0 + j];
                    logits.Add(double.CreateTruncating(VectorMath<T>.Dot(p3, p.Slice(_l.ItemRank!.Offset + m * _er, _er)) + p[_l.ItemRankBias!.Offset + m] - _logQ[m]));
                }
                double max = logits.Max();
                rankLoss += Math.Log(logits.Sum(l => Math.Exp(l - max))) + max - logits[0];
                double r = double.CreateTruncating(p[_l.ItemRankBias!.Offset + positive]);
                rowPenalty += SquaredNorm(p3) + SquaredNorm(p.Slice(_l.ItemRank!.Offset + positive * _er, _er)) + r * r;
            }
        }
        double weightPenalty = 0;
        foreach (var s in _l.Slices)
            if (s.Regularized) weightPenalty += SquaredNorm(p.Slice(s.Offset, s.Length));
        double tablePenalty = _l2t != T.Zero ? SquaredNorm(p[.._tableL2End]) : 0;
        return sse / n + double.CreateTruncating(_l2e) * rowPenalty / n + double.CreateTruncating(_l2t) * tablePenalty + double.CreateTruncating(_l2d) * weightPenalty
               + double.CreateTruncating(_rankWeight) * rankLoss / n;
    }

    private static double SquaredNorm(ReadOnlySpan<T> x)
    {
        double s = 0;
        foreach (var v in x) { double d = double.CreateTruncating(v); s += d * d; }
        return s;
    }

    private void EnsureCapacity(int n, int width)
    {
        if (_userGrads.Length < n * _userWidth) _userGrads = new T[n * _userWidth];
        if (_itemGrads.Length < n * _itemWidth) _itemGrads = new T[n * _itemWidth];
        if (_er > 0 && _candidateGrads.Length < n * width)
        {
            _candidateGrads = new T[n * width];
            _entryUsers = new int[n * width];
        }
    }

    /// <summary>Per-chunk scratch: dense-gradient accumulator, activations and the loss.</summary>
    private sealed class ChunkState(int denseCount, int hn, int towers, int e)
    {
        public readonly T[] Dense = new T[denseCount];
        public readonly T[] Hn = new T[hn];
        public readonly T[] H = new T[towers];     // every tower's activation, in concatenation order
        public readonly T[] DH = new T[towers];
        public readonly T[] Dx = new T[2 * e];
        public T[] Logits = [];                    // (1+k) ranking logits of one sample
        public T Z;
        public double Loss, RankLoss;
    }

    /// <summary>A tower with its features (CSR over items or users) and the offset of its activation in <see cref="ChunkState.H"/>.</summary>
    private sealed record Tower(TowerLayout Layout, Data.SparseFeatures Features, int H)
    {
        public readonly bool OnUser = Layout.Entity == Data.FeatureEntity.User;
        public readonly int[] Offsets = Features.OffsetArray;
        public readonly int[] Indices = Features.IndexArray;
    }
}
