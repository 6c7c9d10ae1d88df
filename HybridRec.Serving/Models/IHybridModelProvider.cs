namespace HybridRec.Serving.Models;

/// <summary>
/// The model being served. A request reads <see cref="Current"/> once and uses that snapshot throughout, so a reload
/// in the middle of a request does not change its answer. Registered as a singleton by AddHybridRec.
/// </summary>
public interface IHybridModelProvider
{
    /// <summary>The loaded model, or null while none has loaded (the file is missing or broken).</summary>
    ModelSnapshot? Current { get; }

    /// <summary>The outcome of the last attempt to load the file (null before the first).</summary>
    ModelLoadAttempt? LastAttempt { get; }

    /// <summary>
    /// Checks the model file now and, when it changed since the last attempt, loads it and swaps it in; a file that
    /// does not load leaves the current model in place (the error is logged and kept in <see cref="LastAttempt"/>).
    /// Returns true when a new model was swapped in. Thread-safe (attempts are serialised).
    /// </summary>
    bool TryReload();
}

/// <summary>The outcome of one attempt to load the model file.</summary>
/// <param name="Time">When the attempt finished.</param>
/// <param name="Version">The version loaded, or null when the attempt failed.</param>
/// <param name="Error">Why the file did not load, or null when it did.</param>
public sealed record ModelLoadAttempt(DateTimeOffset Time, ModelVersion? Version, string? Error);
