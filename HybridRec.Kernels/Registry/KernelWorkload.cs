using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Kernels;

/// <summary>
/// Model-shaped device buffers for the kernel benchmarks (<see cref="KernelBench"/>): a batch of B samples over U users
/// and M movies (skewed, so popular rows get long segments), E = 50, tower widths 25, 20 genres (≤ 5 per movie) and
/// 1000 tags (≤ 40 per movie), the batch's segment lists, Adam state over the user table, and the ranking head's
/// candidates (≈ B entries: B / 65 samples of 1 + 64 candidates, 1 % of the negatives masked). Values are seeded and
/// uniform in [−1, 1]; the buffers are disposed with the workload.
/// </summary>
internal sealed class KernelWorkload : IDisposable
{
    /// <summary>Embedding size.</summary>
    public const int E = 50;

    /// <summary>Width of the neural branch and of each tower.</summary>
    public const int H = 25;

    /// <summary>Concatenation width: dot product, neural branch, two towers.</summary>
    public const int K = 1 + 3 * H;

    /// <summary>Genre vocabulary.</summary>
    public const int G = 20;

    /// <summary>Tag vocabulary.</summary>
    public const int T = 1000;

    /// <summary>Candidates per sample of the ranking head: the positive and 64 sampled negatives.</summary>
    public const int RankWidth = 65;

    private readonly List<IDisposable> owned = [];

    /// <summary>Allocates and fills the buffers on <paramref name="device"/> (seeded).</summary>
    public KernelWorkload(ComputeDevice device, int batch, int userCount, int movieCount, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(userCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(movieCount, 1);
        Device = device;
        B = batch;
        U = userCount;
        M = movieCount;
        var rng = new Random(seed);
        try
        {
            var users = Draw.SkewedRows(rng, B, U);
            var movies = Draw.SkewedRows(rng, B, M);
            UserSegments = SegmentList.Build(users);
            MovieSegments = SegmentList.Build(movies);
            var (gOff, gIdx) = Draw.Features(rng, M, G, 5);
            var (tOff, tIdx) = Draw.Features(rng, M, T, 40);

            Users = Up(users);
            Movies = Up(movies);
            UserRows = Up(UserSegments.Rows); UserOffsets = Up(UserSegments.Offsets); UserSamples = Up(UserSegments.Samples);
            MovieRows = Up(MovieSegments.Rows); MovieOffsets = Up(MovieSegments.Offsets); MovieSamples = Up(MovieSegments.Samples);
            GenreOffsets = Up(gOff); GenreIndices = Up(gIdx);
            TagOffsets = Up(tOff); TagIndices = Up(tIdx);
            P = Up(Draw.Floats(rng, (long)U * E));
            Q = Up(Draw.Floats(rng, (long)M * E));
            X = Up(Draw.Floats(rng, (long)B * 2 * E));
            C = Up(Draw.Floats(rng, (long)B * K));
            Dc = Up(Draw.Floats(rng, (long)B * K));
            Dx = Zeros((long)B * 2 * E);
            Wn = Up(Draw.Floats(rng, H * 2 * E));
            Bn = Up(Draw.Floats(rng, H));
            Dwn = Zeros(H * 2 * E);
            Dbn = Zeros(H);
            Wg = Up(Draw.Floats(rng, G * H));
            Wt = Up(Draw.Floats(rng, T * H));
            Bt = Up(Draw.Floats(rng, H));
            Dwg = Zeros(G * H);
            Dwt = Zeros(T * H);
            Dp = Zeros((long)U * E);
            Dq = Zeros((long)M * E);
            DhCompact = Zeros((long)MovieSegments.Count * H);
            Y = Zeros(B);
            Dy = Zeros(B);
            Targets = Up(Draw.Floats(rng, B, 0f, 1f));
            Wo = Up(Draw.Floats(rng, K));
            Dwo = Zeros(K);
            Bo = Up(Draw.Floats(rng, 1));
            UserBias = Up(Draw.Floats(rng, U));
            MovieBias = Up(Draw.Floats(rng, M));
            LossSum = Up(new double[1]);
            AdamParam = Up(Draw.Floats(rng, (long)U * E, -0.05f, 0.05f));
            AdamGrad = Zeros((long)U * E);
            AdamM = Zeros((long)U * E);
            AdamV = Zeros((long)U * E);
            RankSamples = Math.Max(1, B / RankWidth);
            long entries = (long)RankSamples * RankWidth;
            RankCandidates = Up(Draw.SkewedRows(rng, (int)entries, M));
            var mask = new byte[entries];
            for (long i = 0; i < entries; i++) mask[i] = i % RankWidth == 0 || rng.Next(100) != 0 ? (byte)1 : (byte)0;
            RankMask = Keep(Device.Accelerator.Allocate1D(mask)).View;
            LogQ = Up(Draw.Floats(rng, M, -12f, -4f));
            Logits = Zeros(entries);
            LogitGrad = Zeros(entries);
            RankDq = Zeros(entries * (E + 1));
            device.Synchronize();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The device the buffers live on.</summary>
    public ComputeDevice Device { get; }

    /// <summary>The device's kernels.</summary>
    public HybridKernels Kernels => Device.Kernels;

    /// <summary>Samples in the batch.</summary>
    public int B { get; }

    /// <summary>Users (rows of P).</summary>
    public int U { get; }

    /// <summary>Movies (rows of Q).</summary>
    public int M { get; }

    /// <summary>The batch's segment lists over users and over movies (design.md §5).</summary>
    public SegmentList UserSegments { get; }

    /// <inheritdoc cref="UserSegments"/>
    public SegmentList MovieSegments { get; }

    /// <summary>Adam coefficients of step 10 (lr 1e-3, Keras β and ε).</summary>
    public AdamCoefficients Adam { get; } = AdamCoefficients.ForStep(10, 1e-3f, 0.9f, 0.999f, 1e-7f);

    // (B) user and movie of each sample; segment lists; genre and tag CSR by movie.
    public ArrayView<int> Users { get; }
    public ArrayView<int> Movies { get; }
    public ArrayView<int> UserRows { get; }
    public ArrayView<int> UserOffsets { get; }
    public ArrayView<int> UserSamples { get; }
    public ArrayView<int> MovieRows { get; }
    public ArrayView<int> MovieOffsets { get; }
    public ArrayView<int> MovieSamples { get; }
    public ArrayView<int> GenreOffsets { get; }
    public ArrayView<int> GenreIndices { get; }
    public ArrayView<int> TagOffsets { get; }
    public ArrayView<int> TagIndices { get; }

    // Embeddings (U, E) and (M, E) and their row gradients; x = [P2[u], Q2[m]] (B, 2E) and dx; c and dc (B, K).
    public ArrayView<float> P { get; }
    public ArrayView<float> Q { get; }
    public ArrayView<float> Dp { get; }
    public ArrayView<float> Dq { get; }
    public ArrayView<float> X { get; }
    public ArrayView<float> Dx { get; }
    public ArrayView<float> C { get; }
    public ArrayView<float> Dc { get; }

    // Neural Dense (H, 2E) + (H); towers (G, H), (T, H) + (H); the towers' compact per-movie gradient (Km, H).
    public ArrayView<float> Wn { get; }
    public ArrayView<float> Bn { get; }
    public ArrayView<float> Dwn { get; }
    public ArrayView<float> Dbn { get; }
    public ArrayView<float> Wg { get; }
    public ArrayView<float> Wt { get; }
    public ArrayView<float> Bt { get; }
    public ArrayView<float> Dwg { get; }
    public ArrayView<float> Dwt { get; }
    public ArrayView<float> DhCompact { get; }

    // Output layer (K) + (1), biases (U) and (M), predictions, targets and loss.
    public ArrayView<float> Wo { get; }
    public ArrayView<float> Dwo { get; }
    public ArrayView<float> Bo { get; }
    public ArrayView<float> UserBias { get; }
    public ArrayView<float> MovieBias { get; }
    public ArrayView<float> Y { get; }
    public ArrayView<float> Dy { get; }
    public ArrayView<float> Targets { get; }
    public ArrayView<double> LossSum { get; }

    // Adam state over a (U, E) table.
    public ArrayView<float> AdamParam { get; }
    public ArrayView<float> AdamGrad { get; }
    public ArrayView<float> AdamM { get; }
    public ArrayView<float> AdamV { get; }

    // Ranking head: RankSamples = B / RankWidth samples (the first of Users) of RankWidth candidates each, so that the
    // candidate entries number ≈ B; P and Q serve as P3 and Q3, MovieBias as r; dp goes to Dx (ld 2E).
    public int RankSamples { get; }
    public ArrayView<int> RankCandidates { get; }
    public ArrayView<byte> RankMask { get; }
    public ArrayView<float> LogQ { get; }
    public ArrayView<float> Logits { get; }
    public ArrayView<float> LogitGrad { get; }
    public ArrayView<float> RankDq { get; }

    /// <summary>Frees the buffers (the device is the caller's).</summary>
    public void Dispose()
    {
        foreach (var buffer in owned) buffer.Dispose();
        owned.Clear();
    }

    private ArrayView<float> Up(float[] data) => Keep(Device.Accelerator.Allocate1D(data)).View;

    private ArrayView<int> Up(int[] data) => data.Length == 0 ? ArrayView<int>.Empty : Keep(Device.Accelerator.Allocate1D(data)).View;

    private ArrayView<double> Up(double[] data) => Keep(Device.Accelerator.Allocate1D(data)).View;

    private ArrayView<float> Zeros(long length)
    {
        var buffer = Keep(Device.Accelerator.Allocate1D<float>(length));
        buffer.MemSetToZero();
        return buffer.View;
    }

    private T Keep<T>(T buffer) where T : IDisposable
    {
        owned.Add(buffer);
        return buffer;
    }
}
