using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HybridRec.Model.Tests.Fuzzing;

/// <summary>What the oracle made of an input.</summary>
internal enum FuzzVerdict
{
    Loaded,
    Rejected,
    Bug,
}

/// <summary>The oracle's verdict, the kind of message or bug (numbers and quoted text generalised), one full example, and cost.</summary>
internal sealed record FuzzOutcome(FuzzVerdict Verdict, string Kind, string Example, TimeSpan Elapsed, long Allocated);

/// <summary>
/// The contract every input is held to: it loads, and then serves finite predictions on the scale (all pairs up to
/// 2,048, one <c>PredictStars</c>, a <c>Recommend</c> of unseen items, and every eighth a save and load that gives the
/// same parameters); or it throws <see cref="InvalidDataException"/> whose message starts with the quoted input name.
/// Anything else is a bug, and so is a rejection that comes from a type's own argument check rather than from the
/// reader's validation (an <see cref="ArgumentException"/> inside: a rule the validator does not state), and an input
/// that allocates more than 32 MiB plus 64 bytes per input byte on the loading thread.
/// </summary>
internal static partial class ModelFuzzOracle
{
    /// <summary>Runs <paramref name="input"/>; files of <see cref="LoadMode.File"/> inputs go to <paramref name="directory"/> and are deleted after.</summary>
    public static FuzzOutcome Run(ModelFuzzInput input, string directory)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var (verdict, kind, example) = Judge(input, directory);
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long budget = (32L << 20) + 64L * input.Bytes.Length;
        if (verdict != FuzzVerdict.Bug && allocated > budget)
            return new(FuzzVerdict.Bug, "memory", $"{allocated:N0} bytes allocated for a {input.Bytes.Length:N0}-byte input (budget {budget:N0})", clock.Elapsed, allocated);
        return new(verdict, kind, example, clock.Elapsed, allocated);
    }

    /// <summary>The stage of a rejection message: magic, version, truncated, trailing, corrupted, structure or semantic.</summary>
    public static string Stage(string kind) => kind switch
    {
        _ when kind.StartsWith("is not a HybridRec model file", StringComparison.Ordinal) => "magic",
        _ when kind.StartsWith("has model format version", StringComparison.Ordinal) => "version",
        _ when kind.StartsWith("is truncated", StringComparison.Ordinal) => "truncated",
        _ when kind.Contains("unexpected bytes after the checksum", StringComparison.Ordinal) => "trailing",
        _ when kind.StartsWith("is corrupted", StringComparison.Ordinal) => "corrupted",
        _ when kind.Contains("(payload byte", StringComparison.Ordinal) => "structure",
        _ => "semantic",
    };

    private static (FuzzVerdict, string, string) Judge(ModelFuzzInput input, string directory)
    {
        HybridModel model;
        string prefix = $"'{(input.Mode == LoadMode.File ? Path.Combine(directory, input.Name) : input.Name)}' ";
        try
        {
            model = Load(input, directory);
        }
        catch (InvalidDataException e)
        {
            if (!e.Message.StartsWith(prefix, StringComparison.Ordinal))
                return (FuzzVerdict.Bug, "message does not start with the quoted name", e.Message);
            if (e.InnerException is ArgumentException inner)
                return (FuzzVerdict.Bug, $"validator gap: {Generalise(inner.Message)}", e.ToString());
            return (FuzzVerdict.Rejected, Generalise(e.Message[prefix.Length..]), e.Message);
        }
        catch (Exception e)
        {
            return (FuzzVerdict.Bug, e.GetType().Name, e.ToString());
        }
        try
        {
            return Serve(model, input) is { } problem ? (FuzzVerdict.Bug, $"after loading: {problem}", problem) : (FuzzVerdict.Loaded, "", "");
        }
        catch (Exception e)
        {
            return (FuzzVerdict.Bug, $"after loading: {e.GetType().Name}", e.ToString());
        }
    }

    private static HybridModel Load(ModelFuzzInput input, string directory)
    {
        switch (input.Mode)
        {
            case LoadMode.File:
                string path = Path.Combine(directory, input.Name);
                File.WriteAllBytes(path, input.Bytes);
                try { return HybridModel.Load(path); }
                finally { File.Delete(path); }
            case LoadMode.NonSeekableStream:
                return HybridModel.Load(new NonSeekableStream(input.Bytes), input.Name);
            case LoadMode.AsyncStream:
                // Odd inputs from a stream that cannot seek, even ones from one that can.
                Stream stream = input.Index % 2 == 1 ? new NonSeekableStream(input.Bytes) : new MemoryStream(input.Bytes, writable: false);
                return HybridModel.LoadAsync(stream, input.Name).GetAwaiter().GetResult();
            default:
                return HybridModel.Load(new MemoryStream(input.Bytes, writable: false), input.Name);
        }
    }

    // Null when the loaded model serves finite predictions on its scale, else what is wrong.
    private static string? Serve(HybridModel model, ModelFuzzInput input)
    {
        int users = model.Users.Count, items = model.Items.Count;
        int n = (int)Math.Min(2048, (long)users * items);
        var u = new int[n];
        var m = new int[n];
        for (int i = 0; i < n; i++)
        {
            u[i] = i / items % users;
            m[i] = i % items;
        }
        var y = new float[n];
        model.PredictNormalized(u, m, y);
        for (int i = 0; i < n; i++)
            if (!(y[i] >= 0f && y[i] <= 1f)) return $"prediction {y[i]} for user index {u[i]}, item index {m[i]} is not in [0, 1]";
        var scale = model.Scale;
        // Min + y·(Max − Min) in float may pass Max by rounding: allow a few units in the last place of the scale's magnitude.
        float slack = 1e-3f + 1e-6f * Math.Max(Math.Abs(scale.Min), Math.Abs(scale.Max));
        bool OnScale(float value) => value >= scale.Min - slack && value <= scale.Max + slack;
        float stars = model.PredictStars(model.Users.GetRawId(users - 1), model.Items.GetRawId(items - 1));
        if (!OnScale(stars)) return $"PredictStars gave {stars}, off the scale {scale}";
        int user = model.Users.GetRawId(0);
        var recommendations = model.Recommend(user, 3);
        if (recommendations.Count > Math.Min(3, items)) return $"{recommendations.Count} recommendations for 3";
        foreach (var r in recommendations)
        {
            if (!OnScale(r.PredictedRating)) return $"recommended rating {r.PredictedRating} is off the scale {scale}";
            if (model.History.Contains(0, model.Items.GetIndex(r.ItemId))) return $"item {r.ItemId} was recommended but user {user} rated it";
        }
        if (input.Index % 8 == 0)
        {
            using var saved = new MemoryStream();
            model.Save(saved);
            saved.Position = 0;
            var again = HybridModel.Load(saved, "round trip");
            if (!again.Members.Zip(model.Members).All(p => p.First.AsSpan().SequenceEqual(p.Second))) return "saving and loading changed the parameters";
        }
        return null;
    }

    /// <summary>A message with numbers replaced by N and quoted text by '…', so messages of one kind count together.</summary>
    public static string Generalise(string message) => Numbers().Replace(Quoted().Replace(message, "'…'"), "N");

    [GeneratedRegex(@"'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?<![\w-])[-−+]?(\d[\d,]*(\.\d+)?([eE][-+]?\d+)?|∞|NaN)")]
    private static partial Regex Numbers();
}
