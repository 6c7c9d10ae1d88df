using HybridRec.Data;

namespace HybridRec.Model.Parameters;

/// <summary>
/// The layout of the parameter block (docs/design.md §2): named slices in a fixed order, row-sparse slices
/// first so that the dense slices form one contiguous range starting at <see cref="DenseOffset"/>:
/// <c>user_cf, user_nn, item_cf, item_nn, [user_bias, item_bias], [user_rank, item_rank, item_rank_bias], nn_kernel, nn_bias</c>, then per item tower
/// <c>item_&lt;group&gt;_kernel, item_&lt;group&gt;_bias</c>, per user tower <c>user_&lt;group&gt;_kernel, user_&lt;group&gt;_bias</c>,
/// and <c>out_kernel, out_bias</c>. The original network (towers over the item groups genres and tags) has the
/// slice order of format-version-1 model files, so their parameter vectors are vectors of this layout.
/// </summary>
public sealed class ParameterLayout
{
    /// <summary>Slice names, as constants.</summary>
    public static class Names
    {
        /// <summary>P1, collaborative user embeddings (U, E).</summary>
        public const string UserCf = "user_cf";
        /// <summary>P2, neural-branch user embeddings (U, E).</summary>
        public const string UserNn = "user_nn";
        /// <summary>Q1, collaborative item embeddings (M, E).</summary>
        public const string ItemCf = "item_cf";
        /// <summary>Q2, neural-branch item embeddings (M, E).</summary>
        public const string ItemNn = "item_nn";
        /// <summary>bu, per-user bias (U, 1); only with biases.</summary>
        public const string UserBias = "user_bias";
        /// <summary>bm, per-item bias (M, 1); only with biases.</summary>
        public const string ItemBias = "item_bias";
        /// <summary>P3, the ranking head's user embeddings (U, Er); only with a ranking head.</summary>
        public const string UserRank = "user_rank";
        /// <summary>Q3, the ranking head's item embeddings (M, Er); only with a ranking head.</summary>
        public const string ItemRank = "item_rank";
        /// <summary>r, the ranking head's per-item bias (M, 1); only with a ranking head.</summary>
        public const string ItemRankBias = "item_rank_bias";
        /// <summary>Wn, neural-branch Dense kernel (Hn, 2E).</summary>
        public const string NnKernel = "nn_kernel";
        /// <summary>bn (Hn).</summary>
        public const string NnBias = "nn_bias";
        /// <summary>Wo, output kernel (K).</summary>
        public const string OutKernel = "out_kernel";
        /// <summary>bo (1).</summary>
        public const string OutBias = "out_bias";

        /// <summary>The kernel of the tower over feature group <paramref name="group"/>: <c>item_genres_kernel</c>, <c>user_age_kernel</c>, …</summary>
        public static string TowerKernel(FeatureEntity entity, string group) => $"{Prefix(entity)}_{group}_kernel";

        /// <summary>The bias of the tower over feature group <paramref name="group"/>.</summary>
        public static string TowerBias(FeatureEntity entity, string group) => $"{Prefix(entity)}_{group}_bias";

        private static string Prefix(FeatureEntity entity) => entity == FeatureEntity.Item ? "item" : "user";
    }

    private readonly Dictionary<string, ParameterSlice> _byName;

    /// <summary>Builds the layout for the given sizes and architecture (tower widths from <paramref name="options"/>).</summary>
    public ParameterLayout(ModelDimensions dims, HybridModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(dims);
        ArgumentNullException.ThrowIfNull(options);
        dims.Validate();
        options.Validate();
        Dimensions = dims;
        Options = options;
        E = options.EmbeddingSize;
        Hn = options.ResolvedNeuralWidth;

        var slices = new List<ParameterSlice>();
        int offset = 0;
        ParameterSlice Add(string name, int rows, int cols, SliceKind kind, SliceInit init, int fanIn = 0, int fanOut = 0, bool reg = false)
        {
            long end = (long)offset + (long)rows * cols;
            if (end > int.MaxValue / 4)
                throw new ArgumentException($"the model is too large: slice '{name}' ends at {end:N0} parameters (limit {int.MaxValue / 4:N0}).");
            var s = new ParameterSlice(name, offset, rows, cols, kind, init, fanIn, fanOut, reg);
            slices.Add(s);
            offset = (int)end;
            return s;
        }

        UserCf = Add(Names.UserCf, dims.Users, E, SliceKind.RowSparse, SliceInit.UniformEmbedding);
        UserNn = Add(Names.UserNn, dims.Users, E, SliceKind.RowSparse, SliceInit.UniformEmbedding);
        ItemCf = Add(Names.ItemCf, dims.Items, E, SliceKind.RowSparse, SliceInit.UniformEmbedding);
        ItemNn = Add(Names.ItemNn, dims.Items, E, SliceKind.RowSparse, SliceInit.UniformEmbedding);
        if (options.UseBiases)
        {
            UserBias = Add(Names.UserBias, dims.Users, 1, SliceKind.RowSparse, SliceInit.Zeros);
            ItemBias = Add(Names.ItemBias, dims.Items, 1, SliceKind.RowSparse, SliceInit.Zeros);
        }
        RankOffset = offset;
        Er = options.RankingEmbeddingSize;
        if (Er > 0)
        {
            UserRank = Add(Names.UserRank, dims.Users, Er, SliceKind.RowSparse, SliceInit.UniformEmbedding);
            ItemRank = Add(Names.ItemRank, dims.Items, Er, SliceKind.RowSparse, SliceInit.UniformEmbedding);
            ItemRankBias = Add(Names.ItemRankBias, dims.Items, 1, SliceKind.RowSparse, SliceInit.Zeros);
        }
        DenseOffset = offset;
        NnKernel = Add(Names.NnKernel, Hn, 2 * E, SliceKind.Dense, SliceInit.GlorotUniform, 2 * E, Hn, reg: true);
        NnBias = Add(Names.NnBias, 1, Hn, SliceKind.Dense, SliceInit.Zeros);

        // Towers: the concatenation is [z | hn | item towers | user towers].
        int column = 1 + Hn;
        List<TowerLayout> AddTowers(FeatureEntity entity, IReadOnlyList<FeatureGroupShape> groups)
        {
            var towers = new List<TowerLayout>(groups.Count);
            foreach (var g in groups)
            {
                int width = options.ResolveTowerWidth(entity, g.Name);
                var kernel = Add(Names.TowerKernel(entity, g.Name), g.Vocabulary, width, SliceKind.Dense, SliceInit.GlorotUniform, g.Vocabulary, width, reg: true);
                var bias = Add(Names.TowerBias(entity, g.Name), 1, width, SliceKind.Dense, SliceInit.Zeros);
                towers.Add(new TowerLayout(entity, g.Name, g.Vocabulary, width, kernel, bias, column));
                column += width;
            }
            return towers;
        }
        ItemTowers = AddTowers(FeatureEntity.Item, dims.ItemGroups);
        UserTowers = AddTowers(FeatureEntity.User, dims.UserGroups);
        Towers = [.. ItemTowers, .. UserTowers];
        ConcatWidth = column;

        OutKernel = Add(Names.OutKernel, 1, ConcatWidth, SliceKind.Dense, SliceInit.GlorotUniform, ConcatWidth, 1, reg: true);
        OutBias = Add(Names.OutBias, 1, 1, SliceKind.Dense, SliceInit.Zeros);

        Count = offset;
        Slices = slices;
        _byName = slices.ToDictionary(s => s.Name);
    }

    /// <summary>The data-dependent sizes.</summary>
    public ModelDimensions Dimensions { get; }

    /// <summary>The architecture.</summary>
    public HybridModelOptions Options { get; }

    /// <summary>Embedding size E.</summary>
    public int E { get; }

    /// <summary>Neural-branch width Hn.</summary>
    public int Hn { get; }

    /// <summary>Width K = 1 + Hn + Σ tower widths of the concatenation feeding the output layer.</summary>
    public int ConcatWidth { get; }

    /// <summary>Ranking embedding size Er (0 without a ranking head).</summary>
    public int Er { get; }

    /// <summary>Whether the ranking head's slices exist (<see cref="HybridModelOptions.RankingEmbeddingSize"/> &gt; 0).</summary>
    public bool HasRankingHead => UserRank is not null;

    /// <summary>Start of the ranking head's slices (user_rank, item_rank, item_rank_bias, contiguous and ending at <see cref="DenseOffset"/>); equals <see cref="DenseOffset"/> without a head.</summary>
    public int RankOffset { get; }

    /// <summary>Whether per-user and per-item biases exist.</summary>
    public bool HasBiases => UserBias is not null;

    /// <summary>Total number of parameters P.</summary>
    public int Count { get; }

    /// <summary>Start of the contiguous dense range (all row-sparse slices precede it).</summary>
    public int DenseOffset { get; }

    /// <summary>Length of the dense range.</summary>
    public int DenseCount => Count - DenseOffset;

    /// <summary>All slices in block order.</summary>
    public IReadOnlyList<ParameterSlice> Slices { get; }

    /// <summary>The slice named <paramref name="name"/>.</summary>
    public ParameterSlice this[string name] =>
        _byName.TryGetValue(name, out var s) ? s : throw new KeyNotFoundException($"no parameter slice named '{name}' (have: {string.Join(", ", _byName.Keys)}).");

    /// <summary>Whether a slice of that name exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>P1, collaborative user embeddings (U, E).</summary>
    public ParameterSlice UserCf { get; }
    /// <summary>P2, neural-branch user embeddings (U, E).</summary>
    public ParameterSlice UserNn { get; }
    /// <summary>Q1, collaborative item embeddings (M, E).</summary>
    public ParameterSlice ItemCf { get; }
    /// <summary>Q2, neural-branch item embeddings (M, E).</summary>
    public ParameterSlice ItemNn { get; }
    /// <summary>bu (U, 1), or null without biases.</summary>
    public ParameterSlice? UserBias { get; }
    /// <summary>bm (M, 1), or null without biases.</summary>
    public ParameterSlice? ItemBias { get; }
    /// <summary>P3 (U, Er), or null without a ranking head.</summary>
    public ParameterSlice? UserRank { get; }
    /// <summary>Q3 (M, Er), or null without a ranking head.</summary>
    public ParameterSlice? ItemRank { get; }
    /// <summary>r (M, 1), or null without a ranking head.</summary>
    public ParameterSlice? ItemRankBias { get; }
    /// <summary>Wn (Hn, 2E).</summary>
    public ParameterSlice NnKernel { get; }
    /// <summary>bn (Hn).</summary>
    public ParameterSlice NnBias { get; }
    /// <summary>Wo (K).</summary>
    public ParameterSlice OutKernel { get; }
    /// <summary>bo (1).</summary>
    public ParameterSlice OutBias { get; }

    /// <summary>The towers over item feature groups, in concatenation order.</summary>
    public IReadOnlyList<TowerLayout> ItemTowers { get; }

    /// <summary>The towers over user feature groups, in concatenation order (after the item towers).</summary>
    public IReadOnlyList<TowerLayout> UserTowers { get; }

    /// <summary>Every tower: the item towers, then the user towers.</summary>
    public IReadOnlyList<TowerLayout> Towers { get; }

    /// <summary>Column of z (the collaborative dot product) in the concatenation.</summary>
    public int ConcatDotColumn => 0;

    /// <summary>First column of hn in the concatenation.</summary>
    public int ConcatNnColumn => 1;

    /// <summary>First column of the item towers (adjacent, in order) in the concatenation.</summary>
    public int ConcatItemTowerColumn => 1 + Hn;

    /// <summary>Summed width of the item towers.</summary>
    public int ItemTowerWidth => ItemTowers.Sum(t => t.Width);

    /// <summary>First column of the user towers (adjacent, in order) in the concatenation.</summary>
    public int ConcatUserTowerColumn => 1 + Hn + ItemTowerWidth;

    /// <summary>Summed width of the user towers.</summary>
    public int UserTowerWidth => UserTowers.Sum(t => t.Width);
}

/// <summary>
/// One tower h = ReLU(b + Σ_{j ∈ feat(row)} W[j, :]) over a feature group: its kernel (Vocabulary, Width) stored
/// input-major, its bias (Width), and the first column of its output in the concatenation.
/// </summary>
/// <param name="Entity">Whether the rows are items or users.</param>
/// <param name="Group">The feature group's name.</param>
/// <param name="Vocabulary">Input width (the group's vocabulary size).</param>
/// <param name="Width">Output width.</param>
/// <param name="Kernel">W (Vocabulary, Width).</param>
/// <param name="Bias">b (Width).</param>
/// <param name="ConcatColumn">First column of h in the concatenation.</param>
public sealed record TowerLayout(FeatureEntity Entity, string Group, int Vocabulary, int Width, ParameterSlice Kernel, ParameterSlice Bias, int ConcatColumn);
