namespace HybridRec.Data.Preprocessing;

/// <summary>
/// Streams ratings into primitive columns (no per-rating objects): users by first-seen order, items as indices,
/// stars as floats, plus a compact record → line index for error messages. <see cref="Complete"/> resolves
/// duplicate (user, item) pairs, builds the user <see cref="IdMap"/> (ascending raw id) and the
/// <see cref="RatingTable"/>.
/// </summary>
internal sealed class RatingAccumulator
{
    private const int MaxDenseUserId = 1 << 24;

    /// <summary>The dense user table covers ids below max(this, <see cref="DensePerUser"/> × users seen): memory in proportion to the users read, never to an id's value.</summary>
    private const int MinDenseRange = 1 << 16;

    private const int DensePerUser = 32;

    private readonly ChunkedColumn<int> _users = new();
    private readonly ChunkedColumn<int> _movies = new();
    private readonly ChunkedColumn<float> _stars = new();
    private readonly LineIndex _lines = new();
    private readonly Dictionary<int, int> _userSlot = [];
    private int[] _denseSlot = new int[1024]; // slot + 1 by raw user id; 0 = not seen
    private readonly List<int> _userRaw = [];
    private readonly long _limit;
    private readonly int _capacity;
    private int _lastRawUser;
    private int _lastSlot = -1;

    /// <param name="maxRatings">Ratings to keep (<see cref="MovieLensLoadOptions.MaxRatings"/>); all when null.</param>
    /// <param name="capacity">The most ratings that can be held (<see cref="MovieLensLoadOptions.RecordCapacity"/>).</param>
    public RatingAccumulator(int? maxRatings, int capacity)
    {
        _limit = maxRatings ?? long.MaxValue;
        _capacity = capacity;
    }

    /// <summary>Ratings added.</summary>
    public int Count => _users.Count;

    /// <summary>Whether <see cref="MovieLensLoadOptions.MaxRatings"/> ratings have been added.</summary>
    public bool IsFull => _users.Count >= _limit;

    /// <summary>Whether no further rating can be held (see the capacity); adding one throws.</summary>
    public bool AtCapacity => _users.Count >= _capacity;

    /// <summary>Adds one rating read from <paramref name="line"/>.</summary>
    public void Add(int rawUser, int itemIndex, float stars, long line)
    {
        if (AtCapacity) throw new InvalidOperationException($"more than {_capacity:N0} ratings; check AtCapacity first.");
        int slot;
        if (rawUser == _lastRawUser && _lastSlot >= 0)
        {
            slot = _lastSlot;
        }
        else
        {
            slot = SlotOf(rawUser);
            _lastRawUser = rawUser;
            _lastSlot = slot;
        }
        _lines.Add(_users.Count, line);
        _users.Add(slot);
        _movies.Add(itemIndex);
        _stars.Add(stars);
    }

    /// <summary>
    /// The slot (first-seen order) of a raw user id: a dense table for small ids (every MovieLens release numbers its
    /// users from 1) and a dictionary for the others. The table grows to cover a new id only while that stays within
    /// <see cref="DensePerUser"/> entries per user seen (and below 2^24); ids it comes to cover move out of the dictionary.
    /// </summary>
    private int SlotOf(int rawUser)
    {
        int slot;
        if ((uint)rawUser < (uint)_denseSlot.Length)
        {
            slot = _denseSlot[rawUser] - 1;
            if (slot >= 0) return slot;
        }
        else if (_userSlot.TryGetValue(rawUser, out slot))
        {
            return slot;
        }
        else if ((uint)rawUser < MaxDenseUserId && rawUser < Math.Max(MinDenseRange, DensePerUser * (_userRaw.Count + 1L)))
        {
            GrowDense(rawUser);
        }
        slot = _userRaw.Count;
        _userRaw.Add(rawUser);
        if ((uint)rawUser < (uint)_denseSlot.Length) _denseSlot[rawUser] = slot + 1;
        else _userSlot.Add(rawUser, slot);
        return slot;
    }

    /// <summary>The rating value of rating <paramref name="index"/> (valid until <see cref="Complete"/>).</summary>
    public float StarsAt(int index) => _stars[index];

    private void GrowDense(int rawUser)
    {
        int length = (int)Math.Min(MaxDenseUserId, Math.Max(rawUser + 1L, 2L * _denseSlot.Length));
        Array.Resize(ref _denseSlot, length);
        if (_userSlot.Count == 0) return;
        foreach (var (id, s) in _userSlot.Where(p => (uint)p.Key < (uint)length).ToList())
        {
            _denseSlot[id] = s + 1;
            _userSlot.Remove(id);
        }
    }

    /// <summary>The line a rating was read from (valid until <see cref="Complete"/>).</summary>
    public long LineOf(int index) => _lines.LineOf(index);

    /// <summary>
    /// Resolves duplicates by <paramref name="policy"/>, then returns the ratings with user indices in ascending raw
    /// id order. Fills <see cref="LoadReport.RatingsKept"/>, <see cref="LoadReport.DuplicateRatings"/>,
    /// <see cref="LoadReport.Users"/> and warns about duplicates. <paramref name="pairField"/> and <paramref name="itemNoun"/>
    /// word the messages (MovieLens: <c>userId,movieId</c> and <c>movie</c>).
    /// </summary>
    public (RatingTable Ratings, IdMap Users) Complete(IdMap items, DuplicateRatingPolicy policy, string file, LoadReport report,
        string pairField = "userId,movieId", string itemNoun = "movie")
    {
        var movieCol = _movies.ToArray();
        var userCol = _users.ToArray();
        int[] dropped = DuplicateResolver.FindDropped(userCol, _userRaw.Count, movieCol, items.Count, policy,
            (earlier, later) => throw new DatasetFormatException(file, LineOf(later), pairField,
                $"{_userRaw[userCol[later]]},{items.GetRawId(movieCol[later])}",
                $"user {_userRaw[userCol[later]]} rated {itemNoun} {items.GetRawId(movieCol[later])} twice, on lines {LineOf(earlier)} and {LineOf(later)}"));
        var starCol = _stars.ToArray();

        if (dropped.Length > 0)
        {
            var examples = dropped.Take(3).Select(i =>
                $"line {LineOf(i)} (user {_userRaw[userCol[i]]}, {itemNoun} {items.GetRawId(movieCol[i])})");
            report.Warnings.Add($"{file}: {dropped.Length:N0} duplicate (user, {itemNoun}) ratings; kept the last of each, dropped earlier ones, e.g. {string.Join(", ", examples)}.");
            userCol = Compact(userCol, dropped);
            movieCol = Compact(movieCol, dropped);
            starCol = Compact(starCol, dropped);
        }

        var users = IdMap.FromRawIds(_userRaw);
        var remap = new int[_userRaw.Count];
        for (int s = 0; s < remap.Length; s++) remap[s] = users.GetIndex(_userRaw[s]);
        for (int i = 0; i < userCol.Length; i++) userCol[i] = remap[userCol[i]];

        report.DuplicateRatings = dropped.Length;
        report.RatingsKept = userCol.Length;
        report.Users = users.Count;
        return (RatingTable.Own(userCol, movieCol, starCol), users);
    }

    /// <summary>A copy of <paramref name="values"/> without the (ascending) positions in <paramref name="dropped"/>.</summary>
    private static T[] Compact<T>(T[] values, int[] dropped)
    {
        var result = GC.AllocateUninitializedArray<T>(values.Length - dropped.Length);
        int src = 0, dst = 0;
        foreach (int d in dropped)
        {
            int n = d - src;
            values.AsSpan(src, n).CopyTo(result.AsSpan(dst));
            dst += n;
            src = d + 1;
        }
        values.AsSpan(src).CopyTo(result.AsSpan(dst));
        return result;
    }
}
