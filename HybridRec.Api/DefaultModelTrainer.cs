using System.Diagnostics;
using HybridRec.Data;
using HybridRec.Model;
using HybridRec.Model.Training;
using HybridRec.Serving.Models;

namespace HybridRec.Api;

/// <summary>
/// When the host serves the default model (no <c>--model</c>) and its cache file is missing, trains it in the
/// background once the server is up (<c>/health/ready</c> turns healthy when it is loaded), writes it atomically
/// (<c>HybridModel.Save</c>) and loads it. Nothing to do otherwise.
/// </summary>
internal sealed partial class DefaultModelTrainer(IConfiguration configuration, IHybridModelProvider provider, ILogger<DefaultModelTrainer> log) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the model provider's file watcher starts (this service is registered first), so the watcher can watch it.
        if (DefaultModel.IsUsed(configuration)) Directory.CreateDirectory(Path.GetDirectoryName(DefaultModel.CachedPath(configuration))!);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!DefaultModel.IsUsed(configuration)) return;
        string path = DefaultModel.CachedPath(configuration);
        if (File.Exists(path))
        {
            LogReusing(path);
            return;
        }
        await Task.Yield();   // let the host finish starting
        try
        {
            await Task.Run(() => Train(path, stoppingToken), stoppingToken);
            provider.TryReload();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogTrainingFailed(e, path);
        }
    }

    private void Train(string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var config = HybridPresets.Tuned;
        var data = MovieLensLoader.Load(DefaultModel.DatasetPath, new MovieLensLoadOptions { MinTagCount = config.MinTagCount });
        LogTraining(data.Ratings.Count, data.Users.Count, data.Items.Count, config.Training.EnsembleSize, path);
        var progress = new SynchronousProgress(p =>
        {
            if (p.Epoch is { } e) LogEpoch(p.Member + 1, p.Members, e.Epoch, e.ValidationRmseStars);
        });
        var result = HybridTrainer.Train(data, data.Ratings, config, progress, cancellationToken);
        result.Model.Save(path);
        LogTrained(path, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Reports on the trainer's thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the cached default model {Path}")]
    private partial void LogReusing(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "No cached default model: training the default configuration on all {Ratings} ratings of the bundled ml-latest-small ({Users} users, {Items} movies, {Members} members; about a minute on 2 cores), then writing {Path}")]
    private partial void LogTraining(int ratings, int users, int items, int members, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Default model: member {Member}/{Members} epoch {Epoch}, validation RMSE {Rmse:0.0000} stars")]
    private partial void LogEpoch(int member, int members, int epoch, double rmse);

    [LoggerMessage(Level = LogLevel.Information, Message = "Default model written to {Path} in {Seconds:0.0} s")]
    private partial void LogTrained(string path, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training the default model for {Path} failed")]
    private partial void LogTrainingFailed(Exception exception, string path);
}
