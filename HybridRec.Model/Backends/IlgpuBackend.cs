using HybridRec.Kernels;
using HybridRec.Model.Parameters;
using HybridRec.Model.Training;
using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Model.Backends;

/// <summary>
/// The hybrid network composed from the ILGPU kernels of <see cref="HybridKernels"/> (docs/design.md §6–7): CUDA on
/// an NVIDIA GPU, OpenCL, or ILGPU's CPU accelerator. Parameters, gradients and Adam moments stay on the device
/// in one buffer of 4P floats; each epoch's shuffled samples and segment lists are uploaded once, so a training
/// step moves nothing but kernel arguments. Same layout, initial values and options as <see cref="CpuBackend"/>.
/// </summary>
public sealed class IlgpuBackend : IModelBackend, IGradientBackend
{
    private const int PredictChunk = 1 << 16;

    private readonly ComputeDevice _device;
    private readonly bool _ownsDevice;
    private readonly HybridKernels _k;
    private readonly ParameterLayout _l;
    private AdamOptions _adam;
    private readonly float _offset;
    private readonly int _p, _e, _kw; // parameters, embedding size, concat width K
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _block;                 // (4P)
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _genreOffsets, _genreIndices, _tagOffsets, _tagIndices;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _lossSum;              // (1)
    private readonly List<IDisposable> _owned = [];

    // Epoch data, uploaded when the plan changes.
    private EpochPlan? _plan;
    private int _planVersion = -1;
    private MemoryBuffer1D<int, Stride1D.Dense>? _users, _movies, _uRows, _uOffsets, _uSamples, _mRows, _mOffsets, _mSamples, _mSegmentOf;
    private MemoryBuffer1D<float, Stride1D.Dense>? _targets;

    // Per-batch work buffers, grown to the largest batch seen.
    private int _capacity;
    private MemoryBuffer1D<float, Stride1D.Dense>? _x, _c, _dc, _y, _dy, _dp1, _dq1, _dx, _dht, _towers;
    private MemoryBuffer1D<int, Stride1D.Dense>? _predUsers, _predMovies;
    private long _lossCount;
    private StepProfile? _profile;

    /// <summary>
    /// When set, every training step synchronises after each phase and adds the phase's wall time to the profile
    /// (slower: for finding where a step's time goes, never for throughput figures).
    /// </summary>
    internal StepProfile? Profile
    {
        get => _profile;
        set { _profile = value; _profile?.Restart(_device); }
    }

    private void Mark(string phase) => _profile?.Mark(phase, _device);

    /// <summary>Creates the backend on a new device of <paramref name="kind"/> (owned and disposed by the backend).</summary>
    public IlgpuBackend(BackendSetup setup, DeviceKind kind) : this(setup, ComputeDevice.Create(kind), ownsDevice: true) { }

    /// <summary>Creates the backend on an existing device; the caller keeps ownership of <paramref name="device"/>.</summary>
    public IlgpuBackend(BackendSetup setup, ComputeDevice device) : this(setup, device, ownsDevice: false) { }

    private IlgpuBackend(BackendSetup setup, ComputeDevice device, bool ownsDevice)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(device);
        setup.Validate();
        _device = device;
        _ownsDevice = ownsDevice;
        try
        {
            _k = device.Kernels;
            _l = setup.Layout;
            _adam = setup.Adam;
            _offset = _l.HasBiases ? setup.GlobalOffset : 0f;
            _p = _l.Count;
            _e = _l.E;
            _kw = _l.ConcatWidth;
            var acc = device.Accelerator;
            _block = Own(acc.Allocate1D<float>(4L * _p));
            _block.MemSetToZero();
            _genreOffsets = Upload(setup.Genres.Offsets);
            _genreIndices = Upload(setup.Genres.Indices);
            _tagOffsets = Upload(setup.Tags.Offsets);
            _tagIndices = Upload(setup.Tags.Indices);
            _lossSum = Own(acc.Allocate1D<double>(1));
            _lossSum.MemSetToZero();
        }
        catch
        {
            DisposeOwned();
            throw;
        }
    }

    /// <inheritdoc />
    public string Name => _device.Kind switch
    {
        DeviceKind.Cuda => "cuda",
        DeviceKind.OpenCL => "opencl",
        DeviceKind.IlgpuCpu => "ilgpu-cpu",
        _ => _device.Kind.ToString().ToLowerInvariant(),
    };

    /// <inheritdoc />
    public string DeviceDescription
    {
        get
        {
            var i = _device.Info;
            return $"{i.Name} ({i.Type}, architecture {i.Architecture}, instruction set {i.InstructionSet}, driver {i.DriverVersion}, {i.MemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB, ILGPU)";
        }
    }

    /// <summary>The device this backend runs on.</summary>
    public ComputeDevice Device => _device;

    /// <inheritdoc />
    public ParameterLayout Layout => _l;

    /// <inheritdoc />
    public long Step { get; private set; }

    /// <inheritdoc />
    public float LearningRate
    {
        get => _adam.LearningRate;
        set => _adam = _adam with { LearningRate = value };
    }

    private ArrayView<float> Params => _block.View.SubView(0, _p);
    private ArrayView<float> Grads => _block.View.SubView(_p, _p);
    private ArrayView<float> M => _block.View.SubView(2L * _p, _p);
    private ArrayView<float> V => _block.View.SubView(3L * _p, _p);
    private ArrayView<float> P(ParameterSlice s) => Params.SubView(s.Offset, s.Length);
    private ArrayView<float> G(ParameterSlice s) => Grads.SubView(s.Offset, s.Length);

    /// <inheritdoc />
    public void SetParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != _p) throw new ArgumentException($"expected {_p} parameters, got {parameters.Length}.");
        _block.MemSetToZero();
        Params.CopyFromCPU(parameters.ToArray());
        _lossSum.MemSetToZero();
        _lossCount = 0;
        Step = 0;
        _device.Synchronize();
    }

    /// <inheritdoc />
    public void GetParameters(Span<float> destination)
    {
        if (destination.Length != _p) throw new ArgumentException($"expected a buffer of {_p}, got {destination.Length}.");
        _device.Synchronize();
        var host = new float[_p];
        Params.CopyToCPU(host);
        host.CopyTo(destination);
    }

    /// <inheritdoc />
    public (double SumSquaredError, long Count) TakeLoss()
    {
        _device.Synchronize();
        var host = new double[1];
        _lossSum.View.CopyToCPU(host);
        _lossSum.MemSetToZero();
        var r = (host[0], _lossCount);
        _lossCount = 0;
        return r;
    }

    /// <inheritdoc />
    public void Synchronize() => _device.Synchronize();

    /// <inheritdoc />
    public void TrainBatch(EpochPlan plan, int batch)
    {
        var segments = ComputeGradientsCore(plan, batch);
        Adam(segments.URows, segments.Ku, segments.MRows, segments.Km);
    }

    void IGradientBackend.ComputeGradients(EpochPlan plan, int batch) => ComputeGradientsCore(plan, batch);

    void IGradientBackend.GetGradients(Span<float> destination)
    {
        if (destination.Length != _p) throw new ArgumentException($"expected a buffer of {_p}, got {destination.Length}.");
        _device.Synchronize();
        var host = new float[_p];
        Grads.CopyToCPU(host);
        host.CopyTo(destination);
    }

    private readonly record struct BatchRows(ArrayView<int> URows, int Ku, ArrayView<int> MRows, int Km);

    private BatchRows ComputeGradientsCore(EpochPlan plan, int batch)
    {
        ArgumentNullException.ThrowIfNull(plan);
        EnsureEpoch(plan);
        int n = plan.BatchLength(batch);
        int start = plan.BatchStart(batch);
        EnsureCapacity(plan.BatchSize);
        var users = _users!.View.SubView(start, n);
        var movies = _movies!.View.SubView(start, n);
        var targets = _targets!.View.SubView(start, n);
        int ku = plan.UserSegments.RowCounts[batch], km = plan.MovieSegments.RowCounts[batch];
        var uRows = _uRows!.View.SubView(plan.UserSegments.RowStart(batch), ku);
        var uOff = _uOffsets!.View.SubView(plan.UserSegments.OffsetStart(batch), ku + 1);
        var uSamples = _uSamples!.View.SubView(plan.UserSegments.RowStart(batch), n);
        var mRows = _mRows!.View.SubView(plan.MovieSegments.RowStart(batch), km);
        var mOff = _mOffsets!.View.SubView(plan.MovieSegments.OffsetStart(batch), km + 1);
        var mSamples = _mSamples!.View.SubView(plan.MovieSegments.RowStart(batch), n);

        Mark("host: batch set-up");
        var mSegmentOf = _mSegmentOf!.View.SubView(plan.MovieSegments.RowStart(batch), n);
        Forward(users, movies, n, new TowerRows(mRows, km, mSegmentOf));
        _k.MseLossGrad(_y!.View, targets, n, 2f / n, _dy!.View, _lossSum.View);
        _lossCount += n;
        Mark("loss");
        Backward(users, movies, n, uRows, uOff, uSamples, ku, mRows, mOff, mSamples, km);
        return new BatchRows(uRows, ku, mRows, km);
    }

    /// <summary>The distinct movies of a batch and each sample's index among them, so the towers run once per movie.</summary>
    private readonly record struct TowerRows(ArrayView<int> Rows, int Count, ArrayView<int> SegmentOf);

    private void Forward(ArrayView<int> users, ArrayView<int> movies, int n, TowerRows? distinct = null)
    {
        int e = _e, kw = _kw;
        // x = [P2[u], Q2[m]]                                                    // (n, 2E)
        _k.GatherRows(P(_l.UserNn), e, users, n, _x!.View, 2 * e, 0);
        _k.GatherRows(P(_l.MovieNn), e, movies, n, _x.View, 2 * e, e);
        Mark("forward: gather x");
        // c = [z, hn, hg, ht] written in place into column ranges of one buffer // (n, K)
        _k.DotForward(P(_l.UserCf), P(_l.MovieCf), e, users, movies, n, _c!.View, kw, _l.ConcatDotColumn);
        Mark("forward: dot");
        _k.DenseForward(_x.View, 2 * e, n, 2 * e, P(_l.NnKernel), P(_l.NnBias), _l.Hn, _c.View, kw, _l.ConcatNnColumn, relu: true);
        Mark("forward: dense");
        if (distinct is { } d)
        {
            // The towers depend only on the movie: evaluate them once per distinct movie of the batch, then copy
            // each sample's row into c (genre and tag columns are adjacent).                 // (K_movies, Hg + Ht)
            int hgt = _l.Hg + _l.Ht;
            _k.BagForward(P(_l.GenreKernel), P(_l.GenreBias), _l.Hg, _genreOffsets.View, _genreIndices.View, d.Rows, d.Count, _towers!.View, hgt, 0, relu: true);
            _k.BagForward(P(_l.TagKernel), P(_l.TagBias), _l.Ht, _tagOffsets.View, _tagIndices.View, d.Rows, d.Count, _towers.View, hgt, _l.Hg, relu: true);
            _k.GatherRows(_towers.View, hgt, d.SegmentOf, n, _c.View, kw, _l.ConcatGenreColumn);
        }
        else
        {
            _k.BagForward(P(_l.GenreKernel), P(_l.GenreBias), _l.Hg, _genreOffsets.View, _genreIndices.View, movies, n, _c.View, kw, _l.ConcatGenreColumn, relu: true);
            _k.BagForward(P(_l.TagKernel), P(_l.TagBias), _l.Ht, _tagOffsets.View, _tagIndices.View, movies, n, _c.View, kw, _l.ConcatTagColumn, relu: true);
        }
        Mark("forward: towers");
        // y = Wo·c + bo (+ bu + bm + μ)                                         // (n)
        _k.OutputForward(_c.View, kw, kw, n, P(_l.OutKernel), P(_l.OutBias), _l.HasBiases,
            _l.HasBiases ? P(_l.UserBias!) : P(_l.OutBias), _l.HasBiases ? P(_l.MovieBias!) : P(_l.OutBias), users, movies, _offset, _y!.View);
        Mark("forward: output");
    }

    private void Backward(ArrayView<int> users, ArrayView<int> movies, int n,
        ArrayView<int> uRows, ArrayView<int> uOff, ArrayView<int> uSamples, int ku,
        ArrayView<int> mRows, ArrayView<int> mOff, ArrayView<int> mSamples, int km)
    {
        int e = _e, kw = _kw;
        // Output layer: dWo = dyᵀ·c, dbo = Σ dy; dc = dy·Wo, masked by ReLU on the hn/hg/ht columns.
        _k.WeightedColumnSums(_c!.View, kw, 0, kw, n, _dy!.View.SubView(0, n), G(_l.OutKernel));
        _k.ColumnSums(_dy.View, 1, 0, 1, n, G(_l.OutBias));
        _k.OutputBackward(_dy.View.SubView(0, n), P(_l.OutKernel), kw, _l.ConcatNnColumn, _c.View, kw, n, _dc!.View, kw);
        Mark("backward: output layer");
        // Collaborative branch: per-sample dP1 = dz·Q1[m], dQ1 = dz·P1[u].      // (n, E) each
        _k.DotBackward(_dc.View, kw, _l.ConcatDotColumn, P(_l.UserCf), P(_l.MovieCf), e, users, movies, n, _dp1!.View, e, 0, _dq1!.View, e, 0);
        Mark("backward: dot");
        // Neural branch: dWn = dhnᵀ·x, dbn = Σ dhn, dx = dhn·Wn.                 // dx (n, 2E)
        _k.DenseBackwardWeights(_dc.View, kw, _l.ConcatNnColumn, _x!.View, 2 * e, 0, n, _l.Hn, 2 * e, G(_l.NnKernel), G(_l.NnBias));
        Mark("backward: dense dW");
        _k.DenseBackwardInput(_dc.View, kw, _l.ConcatNnColumn, n, _l.Hn, P(_l.NnKernel), 2 * e, 0, 2 * e, _dx!.View, 2 * e, 0);
        Mark("backward: dense dX");
        // Towers: db = Σ dh; per distinct movie dH̃ = Σ its samples' dh (genre and tag columns are adjacent in c, so
        // one segment sum covers both); dW[j] = Σ over the batch's movies with feature j.
        int hgt = _l.Hg + _l.Ht;
        _k.ColumnSums(_dc.View, kw, _l.ConcatGenreColumn, _l.Hg, n, G(_l.GenreBias));
        _k.ColumnSums(_dc.View, kw, _l.ConcatTagColumn, _l.Ht, n, G(_l.TagBias));
        _k.SegmentSumCompact(_dc.View, kw, _l.ConcatGenreColumn, hgt, mOff, mSamples, km, _dht!.View);
        _k.BagBackward(_dht.View, hgt, 0, _l.Hg, mRows, km, _genreOffsets.View, _genreIndices.View, _l.Dimensions.Genres, G(_l.GenreKernel));
        _k.BagBackward(_dht.View, hgt, _l.Hg, _l.Ht, mRows, km, _tagOffsets.View, _tagIndices.View, _l.Dimensions.Tags, G(_l.TagKernel));
        Mark("backward: towers");
        // Embedding rows: per distinct user/movie, the sum of its samples' rows (+ per-occurrence L2).
        float l2 = 2f * _l.Options.EmbeddingL2 / n;
        _k.SegmentSumRows(_dp1.View, e, 0, e, uRows, uOff, uSamples, ku, G(_l.UserCf), P(_l.UserCf), l2);
        _k.SegmentSumRows(_dx.View, 2 * e, 0, e, uRows, uOff, uSamples, ku, G(_l.UserNn), P(_l.UserNn), l2);
        _k.SegmentSumRows(_dq1.View, e, 0, e, mRows, mOff, mSamples, km, G(_l.MovieCf), P(_l.MovieCf), l2);
        _k.SegmentSumRows(_dx.View, 2 * e, e, e, mRows, mOff, mSamples, km, G(_l.MovieNn), P(_l.MovieNn), l2);
        if (_l.HasBiases)
        {
            _k.SegmentSumRows(_dy.View, 1, 0, 1, uRows, uOff, uSamples, ku, G(_l.UserBias!), P(_l.UserBias!), l2);
            _k.SegmentSumRows(_dy.View, 1, 0, 1, mRows, mOff, mSamples, km, G(_l.MovieBias!), P(_l.MovieBias!), l2);
        }
        Mark("backward: embedding segment sums");
        // Whole-table embedding L2: every row of the row-sparse range (needs dense Adam).
        float l2t = _l.Options.EmbeddingTableL2;
        if (l2t != 0 && _l.DenseOffset > 0)
            _k.AddScaled(Grads.SubView(0, _l.DenseOffset), Params.SubView(0, _l.DenseOffset), 2f * l2t);
        // Dense L2: g += 2 λd W on weight matrices.
        float l2d = _l.Options.DenseL2;
        if (l2d != 0)
            foreach (var s in _l.Slices)
                if (s.Regularized && s.Length > 0) _k.AddScaled(G(s), P(s), 2f * l2d);
        Mark("backward: L2");
    }

    private void Adam(ArrayView<int> uRows, int ku, ArrayView<int> mRows, int km)
    {
        Step++;
        var c = new AdamCoefficients((float)_adam.StepSize(Step), _adam.Beta1, _adam.Beta2, _adam.Epsilon);
        if (_adam.Variant == AdamVariant.Dense)
        {
            _k.AdamDense(Params, Grads, M, V, c);
            Mark("adam (dense)");
            return;
        }
        int d0 = _l.DenseOffset, dn = _l.DenseCount;
        _k.AdamDense(Params.SubView(d0, dn), Grads.SubView(d0, dn), M.SubView(d0, dn), V.SubView(d0, dn), c);
        AdamRows(_l.UserCf, _e, uRows, ku, c);
        AdamRows(_l.UserNn, _e, uRows, ku, c);
        AdamRows(_l.MovieCf, _e, mRows, km, c);
        AdamRows(_l.MovieNn, _e, mRows, km, c);
        if (_l.HasBiases)
        {
            AdamRows(_l.UserBias!, 1, uRows, ku, c);
            AdamRows(_l.MovieBias!, 1, mRows, km, c);
        }
        Mark("adam (lazy)");
    }

    private void AdamRows(ParameterSlice s, int dim, ArrayView<int> rows, int count, AdamCoefficients c) =>
        _k.AdamRows(P(s), G(s), M.SubView(s.Offset, s.Length), V.SubView(s.Offset, s.Length), dim, rows, count, c);

    /// <inheritdoc />
    public void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output)
    {
        if (users.Length != movies.Length || output.Length < users.Length) throw new ArgumentException("users, movies and output lengths differ.");
        EnsureCapacity(Math.Min(PredictChunk, Math.Max(1, users.Length)));
        var acc = _device.Accelerator;
        if (_predUsers is null || _predUsers.Length < _capacity)
        {
            Release(ref _predUsers);
            Release(ref _predMovies);
            _predUsers = Own(acc.Allocate1D<int>(_capacity));
            _predMovies = Own(acc.Allocate1D<int>(_capacity));
        }
        var host = new float[Math.Min(_capacity, users.Length)];
        for (int start = 0; start < users.Length; start += _capacity)
        {
            int n = Math.Min(_capacity, users.Length - start);
            _predUsers.View.SubView(0, n).CopyFromCPU(users.Slice(start, n).ToArray());
            _predMovies!.View.SubView(0, n).CopyFromCPU(movies.Slice(start, n).ToArray());
            Forward(_predUsers.View.SubView(0, n), _predMovies.View.SubView(0, n), n);
            _device.Synchronize();
            ((ArrayView<float>)_y!.View).SubView(0, n).CopyToCPU(host.AsSpan(0, n));
            host.AsSpan(0, n).CopyTo(output.Slice(start, n));
        }
    }

    private void EnsureEpoch(EpochPlan plan)
    {
        if (ReferenceEquals(plan, _plan) && plan.Version == _planVersion) return;
        var acc = _device.Accelerator;
        // Plans of the same shape (e.g. the two alternating plans of a prefetching trainer) share the device arrays.
        bool sameShape = _plan is not null && _users is not null && _users.Length == plan.SampleCount && _uOffsets!.Length == plan.UserSegments.Offsets.Length;
        if (!sameShape)
        {
            foreach (var b in new[] { _users, _movies, _uRows, _uOffsets, _uSamples, _mRows, _mOffsets, _mSamples, _mSegmentOf }) if (b is not null) Disown(b);
            if (_targets is not null) Disown(_targets);
            int n = plan.SampleCount;
            _users = Own(acc.Allocate1D<int>(n));
            _movies = Own(acc.Allocate1D<int>(n));
            _targets = Own(acc.Allocate1D<float>(n));
            _uRows = Own(acc.Allocate1D<int>(plan.UserSegments.Rows.Length));
            _uOffsets = Own(acc.Allocate1D<int>(plan.UserSegments.Offsets.Length));
            _uSamples = Own(acc.Allocate1D<int>(plan.UserSegments.Samples.Length));
            _mRows = Own(acc.Allocate1D<int>(plan.MovieSegments.Rows.Length));
            _mOffsets = Own(acc.Allocate1D<int>(plan.MovieSegments.Offsets.Length));
            _mSamples = Own(acc.Allocate1D<int>(plan.MovieSegments.Samples.Length));
            _mSegmentOf = Own(acc.Allocate1D<int>(plan.MovieSegments.SegmentOf.Length));
        }
        _users!.CopyFromCPU(plan.Users);
        _movies!.CopyFromCPU(plan.Movies);
        _targets!.CopyFromCPU(plan.Targets);
        _uRows!.CopyFromCPU(plan.UserSegments.Rows);
        _uOffsets!.CopyFromCPU(plan.UserSegments.Offsets);
        _uSamples!.CopyFromCPU(plan.UserSegments.Samples);
        _mRows!.CopyFromCPU(plan.MovieSegments.Rows);
        _mOffsets!.CopyFromCPU(plan.MovieSegments.Offsets);
        _mSamples!.CopyFromCPU(plan.MovieSegments.Samples);
        _mSegmentOf!.CopyFromCPU(plan.MovieSegments.SegmentOf);
        _plan = plan;
        _planVersion = plan.Version;
    }

    private void EnsureCapacity(int n)
    {
        if (n <= _capacity) return;
        var acc = _device.Accelerator;
        foreach (var f in new[] { _x, _c, _dc, _y, _dy, _dp1, _dq1, _dx, _dht, _towers }) if (f is not null) Disown(f);
        long b = n;
        _x = Own(acc.Allocate1D<float>(b * 2 * _e));
        _c = Own(acc.Allocate1D<float>(b * _kw));
        _dc = Own(acc.Allocate1D<float>(b * _kw));
        _y = Own(acc.Allocate1D<float>(b));
        _dy = Own(acc.Allocate1D<float>(b));
        _dp1 = Own(acc.Allocate1D<float>(b * _e));
        _dq1 = Own(acc.Allocate1D<float>(b * _e));
        _dx = Own(acc.Allocate1D<float>(b * 2 * _e));
        _dht = Own(acc.Allocate1D<float>(b * (_l.Hg + _l.Ht)));   // (K_movies ≤ n, Hg + Ht) per distinct movie
        _towers = Own(acc.Allocate1D<float>(b * (_l.Hg + _l.Ht))); // (K_movies ≤ n, Hg + Ht) tower outputs per distinct movie
        _capacity = n;
    }

    private MemoryBuffer1D<int, Stride1D.Dense> Upload(int[] data)
    {
        var buffer = Own(_device.Accelerator.Allocate1D<int>(Math.Max(1, data.Length)));
        if (data.Length > 0) buffer.View.SubView(0, data.Length).CopyFromCPU(data);
        return buffer;
    }

    private T Own<T>(T buffer) where T : IDisposable
    {
        _owned.Add(buffer);
        return buffer;
    }

    private void Disown(IDisposable buffer)
    {
        _owned.Remove(buffer);
        buffer.Dispose();
    }

    private void Release<T>(ref T? buffer) where T : class, IDisposable
    {
        if (buffer is not null) Disown(buffer);
        buffer = null;
    }

    private void DisposeOwned()
    {
        for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _owned.Clear();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try { _device.Synchronize(); } catch (Exception) when (_ownsDevice) { }
        DisposeOwned();
        if (_ownsDevice) _device.Dispose();
    }
}
