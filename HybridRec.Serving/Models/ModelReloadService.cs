using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridRec.Serving.Models;

/// <summary>
/// Loads the model when the host starts (before the server takes requests, when the file exists) and then keeps it
/// current: a file watcher on the model's folder triggers a check <see cref="HybridRecServingOptions.ReloadDebounce"/>
/// after the last event, and a periodic check every <see cref="HybridRecServingOptions.ReloadCheckInterval"/> catches
/// what the watcher misses (network shares, a folder created later, a model that has not appeared yet).
/// </summary>
internal sealed partial class ModelReloadService(IHybridModelProvider provider, IOptions<HybridRecServingOptions> options, ILogger<ModelReloadService> log)
    : BackgroundService
{
    private readonly HybridRecServingOptions _options = options.Value;
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        provider.TryReload();
        if (_options.ReloadOnChange) StartWatcher();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.ReloadCheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                if (_options.ReloadOnChange || provider.Current is null) provider.TryReload();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void StartWatcher()
    {
        string path = Path.GetFullPath(_options.ModelPath!);
        string? folder = Path.GetDirectoryName(path);
        if (folder is null || !Directory.Exists(folder))
        {
            LogNoWatcher(folder ?? path);
            return;
        }
        _debounce = new Timer(_ => provider.TryReload());
        _watcher = new FileSystemWatcher(folder, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        // An atomic replace (write a temp file, rename it over the model) raises Renamed or Created; a copy raises Changed.
        _watcher.Changed += (_, _) => Schedule();
        _watcher.Created += (_, _) => Schedule();
        _watcher.Renamed += (_, _) => Schedule();
        _watcher.Error += (_, e) => LogWatcherError(e.GetException(), folder);
        _watcher.EnableRaisingEvents = true;
    }

    private void Schedule() => _debounce?.Change(_options.ReloadDebounce, Timeout.InfiniteTimeSpan);

    public override void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Folder {Folder} does not exist: the model file is checked periodically only")]
    private partial void LogNoWatcher(string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The file watcher on {Folder} failed; the periodic check still runs")]
    private partial void LogWatcherError(Exception exception, string folder);
}
