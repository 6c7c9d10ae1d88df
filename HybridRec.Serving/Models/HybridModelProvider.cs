using System.Diagnostics;
using System.Security.Cryptography;
using HybridRec.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridRec.Serving.Models;

/// <summary>
/// Loads <see cref="HybridRecServingOptions.ModelPath"/> and swaps in a new <see cref="ModelSnapshot"/> when the
/// file changes (length or write time) and its content differs (SHA-256). A file that is missing, half written or
/// corrupt is logged and the current model kept; the same file is not retried until it changes again.
/// </summary>
internal sealed partial class HybridModelProvider : IHybridModelProvider
{
    private readonly HybridRecServingOptions _options;
    private readonly ILogger<HybridModelProvider> _log;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private ModelSnapshot? _current;
    private ModelLoadAttempt? _lastAttempt;
    private ModelFileStamp? _attempted;
    private bool _reportedMissing;

    public HybridModelProvider(IOptions<HybridRecServingOptions> options, ILogger<HybridModelProvider> log, TimeProvider time)
    {
        _options = options.Value;
        _log = log;
        _time = time;
        Path = System.IO.Path.GetFullPath(_options.ModelPath ?? throw new InvalidOperationException($"{HybridRecServingOptions.SectionName}:ModelPath is not set."));
    }

    /// <summary>The model file, as a full path.</summary>
    public string Path { get; }

    public ModelSnapshot? Current => Volatile.Read(ref _current);

    public ModelLoadAttempt? LastAttempt => Volatile.Read(ref _lastAttempt);

    public bool TryReload()
    {
        lock (_gate)
        {
            var stamp = ModelFileStamp.Read(Path);
            if (stamp is null)
            {
                if (!_reportedMissing) LogMissing(Path, Current?.Version.Id ?? "none");
                _reportedMissing = true;
                return false;
            }
            _reportedMissing = false;
            if (stamp == _attempted) return false;

            var clock = Stopwatch.StartNew();
            try
            {
                string sha = Hash(Path);
                if (Current is { } current && current.Version.Sha256 == sha)
                {
                    _attempted = stamp;   // touched or copied over with the same bytes: nothing to swap
                    return false;
                }
                var model = HybridModel.Load(Path);
                if (ModelFileStamp.Read(Path) != stamp)
                {
                    // Replaced while being read: leave _attempted alone so the next check (the watcher fires again) retries.
                    LogChangedWhileLoading(Path);
                    return false;
                }
                var version = new ModelVersion(sha, new DateTimeOffset(stamp.Value.LastWriteTimeUtc, TimeSpan.Zero), stamp.Value.Length);
                var snapshot = new ModelSnapshot(model, version, Path, _time.GetUtcNow(), _options);
                string previous = Current?.Version.Id ?? "none";
                Volatile.Write(ref _current, snapshot);
                _attempted = stamp;
                Volatile.Write(ref _lastAttempt, new ModelLoadAttempt(_time.GetUtcNow(), version, null));
                LogLoaded(Path, version.Id, previous, model.Users.Count, model.Items.Count, model.MemberCount, clock.ElapsedMilliseconds);
                return true;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A broken file must never take the server down: keep serving the current model.
                _attempted = stamp;
                Volatile.Write(ref _lastAttempt, new ModelLoadAttempt(_time.GetUtcNow(), null, e.Message));
                LogLoadFailed(e, Path, Current?.Version.Id ?? "none", e.Message);
                return false;
            }
        }
    }

    private static string Hash(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded model {Path} version {Version} (was {Previous}): {Users} users, {Items} items, {Members} member(s) in {Milliseconds} ms")]
    private partial void LogLoaded(string path, string version, string previous, int users, int items, int members, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not load model {Path}; still serving version {Current}: {Reason}")]
    private partial void LogLoadFailed(Exception exception, string path, string current, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model file {Path} does not exist; serving version {Current}")]
    private partial void LogMissing(string path, string current);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model file {Path} changed while it was being read; it will be read again")]
    private partial void LogChangedWhileLoading(string path);
}
