using HybridRec.Kernels;
using HybridRec.Model.Parameters;
using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Model.Backends.Ilgpu;

/// <summary>
/// The ranking head on the device (docs/design.md, "Ranking head"; R2's contract): per batch the logits of every
/// sample's 1 + k candidates, the sampled-softmax cross-entropy (gradient and loss sum), and the gradient rows of
/// user_rank (per distinct user), item_rank and item_rank_bias (per distinct candidate item), all written before the
/// network's whole-table L2. log q is uploaded once: a backend's sampler never changes (the refit gets its own backend).
/// </summary>
internal sealed class DeviceRanking
{
    private readonly HybridKernels _k;
    private readonly DeviceMemory _memory;
    private readonly ParameterSlice _userRank, _itemRank, _itemRankBias;
    private readonly int _er;
    private readonly float _weight, _l2e;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>? _logQ;        // (M), null without the correction
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _lossSum;     // (1) Σ_b CE_b since the last take
    private MemoryBuffer1D<float, Stride1D.Dense>? _logits, _logitGrads, _dp, _dq;
    private long _entries, _samples;
    private long _lossCount;

    public DeviceRanking(HybridKernels kernels, DeviceMemory memory, BackendSetup setup)
    {
        var l = setup.Layout;
        _k = kernels;
        _memory = memory;
        _userRank = l.UserRank ?? throw new ArgumentException("the layout has no ranking head.", nameof(setup));
        _itemRank = l.ItemRank!;
        _itemRankBias = l.ItemRankBias!;
        _er = l.Er;
        _weight = setup.Ranking.Weight;
        _l2e = l.Options.EmbeddingL2;
        if (setup.LogQ is { } logQ)
        {
            _logQ = memory.Allocate<float>(logQ.Length);
            _logQ.View.SubView(0, logQ.Length).CopyFromCPU(logQ);
        }
        _lossSum = memory.Allocate<double>(1);
    }

    /// <summary>
    /// Forward, loss and backward of the head for batch <paramref name="b"/>: overwrites the touched rows of the three
    /// slices in <paramref name="g"/> (user_rank with its per-occurrence L2, item_rank and item_rank_bias with the
    /// positive's) and adds Σ_b CE_b to the loss sum.
    /// </summary>
    public void ForwardBackward(ArrayView<float> p, ArrayView<float> g, DeviceBatch b, Action<string> mark)
    {
        var c = b.Candidates ?? throw new ArgumentException("the network has a ranking head but the plan has no candidates (build the EpochPlan with a NegativeSampler).");
        int n = b.N, w = c.Width, er = _er;
        Ensure(n, w);
        var (p3, q3, r) = (P(p, _userRank), P(p, _itemRank), P(p, _itemRankBias));
        ArrayView<float> logQ = _logQ is null ? ArrayView<float>.Empty : _logQ.View;
        // l[b, j] = P3[u_b]·Q3[c_bj] + r[c_bj] − log q(c_bj)                    // (n, 1+k)
        _k.RankScores(p3, q3, r, logQ, _logQ is not null, er, b.Users, c.Items, w, n, _logits!.View, w);
        mark("ranking: scores");
        // g[b, j] = Weight/n·(softmax_j − [j = 0]), 0 when masked; Σ_b CE_b   // (n, 1+k)
        _k.SoftmaxCrossEntropy(_logits.View, w, c.Mask, w, n, _weight / n, _logitGrads!.View, w, _lossSum.View);
        _lossCount += n;
        mark("ranking: softmax loss");
        // Per-sample dP3 (n, Er) and per-entry [dQ3 | dr] (n·(1+k), Er + 1), the positive's L2 included; then per row.
        float l2 = 2f * _l2e / n;
        _k.RankBackward(_logitGrads.View, w, p3, q3, r, er, b.Users, c.Items, w, n, l2, _dp!.View, er, _dq!.View, er + 1);
        var (u, m) = (b.UserRows, c.Rows);
        _k.SegmentSumRows(_dp.View, er, 0, er, u.Rows, u.Offsets, u.Samples, u.Count, P(g, _userRank), p3, l2);
        _k.SegmentSumRows(_dq.View, er + 1, 0, er, m.Rows, m.Offsets, m.Samples, m.Count, P(g, _itemRank), q3, 0f);
        _k.SegmentSumRows(_dq.View, er + 1, er, 1, m.Rows, m.Offsets, m.Samples, m.Count, P(g, _itemRankBias), r, 0f);
        mark("ranking: backward");
    }

    /// <summary>Σ_b CE_b (unweighted) and the sample count since the last call, then resets them (synchronises).</summary>
    public (double SumCrossEntropy, long Count) Take()
    {
        var host = new double[1];
        _lossSum.View.CopyToCPU(host);   // synchronous copy on the default stream: after every enqueued step
        _lossSum.MemSetToZero();
        var result = (host[0], _lossCount);
        _lossCount = 0;
        return result;
    }

    /// <summary>Clears the loss sum (new parameters).</summary>
    public void Reset()
    {
        _lossSum.MemSetToZero();
        _lossCount = 0;
    }

    /// <summary>Largest per-entry gradient buffer (elements) the kernels index with 32 bits per launch.</summary>
    private const long MaxEntryFloats = 1L << 30;

    /// <summary>Makes room for batches of <paramref name="n"/> samples of <paramref name="width"/> candidates.</summary>
    private void Ensure(int n, int width)
    {
        long entries = (long)n * width;
        if (entries * (_er + 1) > MaxEntryFloats)
            throw new ArgumentException($"the ranking head's per-candidate gradient rows of a batch of {n:N0} samples × {width} candidates × " +
                $"(Er {_er} + 1) = {entries * (_er + 1):N0} floats exceed the kernels' {MaxEntryFloats:N0} per launch: lower the batch size or the negatives.");
        if (entries <= _entries && n <= _samples) return;
        _memory.Free(ref _logits);
        _memory.Free(ref _logitGrads);
        _memory.Free(ref _dp);
        _memory.Free(ref _dq);
        _entries = Math.Max(entries, _entries);
        _samples = Math.Max(n, _samples);
        _logits = _memory.Allocate<float>(_entries);
        _logitGrads = _memory.Allocate<float>(_entries);
        _dp = _memory.Allocate<float>(_samples * _er);
        _dq = _memory.Allocate<float>(_entries * (_er + 1));
    }

    private static ArrayView<float> P(ArrayView<float> block, ParameterSlice s) => block.SubView(s.Offset, s.Length);
}
