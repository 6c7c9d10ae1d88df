using System.Globalization;
using HybridRec.Data;
using HybridRec.Model;
using HybridRec.Model.Training;

namespace HybridRec.Bench.Configuration;

/// <summary>How the commands write a configuration: the Adam variant's name and the one-line model description.</summary>
internal static class ConfigurationText
{
    /// <summary>The command-line name of an Adam variant.</summary>
    public static string Name(AdamVariant variant) => variant == AdamVariant.Dense ? "dense" : "lazy";

    /// <summary>The command-line name of a negative sampling.</summary>
    public static string Name(NegativeSampling sampling) => sampling == NegativeSampling.Uniform ? "uniform" : "popularity";

    /// <summary>The ranking objective in words: <c>off</c>, or the head's size, the loss and its settings.</summary>
    public static string Ranking(HybridConfiguration c)
    {
        if (!c.Model.HasRankingHead) return "ranking head off";
        var k = c.Training.Ranking;
        string sampling = k.Sampling == NegativeSampling.Uniform ? "uniform" : string.Create(CultureInfo.InvariantCulture, $"popularity^{k.PopularityExponent:G3}");
        return string.Create(CultureInfo.InvariantCulture,
            $"ranking head Er={c.Model.RankingEmbeddingSize}, sampled softmax weight {k.Weight:G3}, {k.Negatives} {sampling} negatives, logQ {(k.LogQCorrection ? "on" : "off")}" +
            $"{(k.LearningRateScale != 1 ? $", lr ×{k.LearningRateScale:G3}" : "")}{(k.TableL2 ? "" : ", no λt on the head")}" +
            $"{(c.Model.RankingRatingBlend > 0 ? $", ranked by the head + {c.Model.RankingRatingBlend:G3} × predicted rating" : "")}");
    }

    /// <summary>Parses <c>dense</c>/<c>lazy</c> (the throughput cases' names).</summary>
    public static AdamVariant ParseAdam(string name) => name.ToLowerInvariant() switch
    {
        "dense" => AdamVariant.Dense,
        "lazy" => AdamVariant.Lazy,
        _ => throw new ArgumentException($"unknown Adam variant '{name}' (expected dense or lazy)."),
    };

    /// <summary>The towers the configuration builds on <paramref name="data"/>, as <c>genres 6, tags 2</c> (or <c>none</c>).</summary>
    public static string Towers(HybridModelOptions m, FeatureEntity entity, RatingDataset data)
    {
        var selected = entity == FeatureEntity.Item ? data.ItemFeatures.Select(m.ItemFeatureGroups) : data.UserFeatures.Select(m.UserFeatureGroups);
        return selected.Count == 0 ? "none" : string.Join(", ", selected.Select(g => $"{g.Name} {m.ResolveTowerWidth(entity, g.Name)}"));
    }

    /// <summary>One line describing the configuration's network and schedule on <paramref name="data"/>.</summary>
    public static string Describe(HybridConfiguration c, RatingDataset data)
    {
        var m = c.Model;
        var t = c.Training;
        string epochs = t.Patience is int p ? $"up to {t.Epochs} epochs, patience {p}" : $"{t.Epochs} epochs";
        string validation = t.ValidationFraction > 0 ? $", validation {t.ValidationFraction:G3}" : ", no validation part";
        string refit = t.RefitOnAllData ? ", refit on all training ratings" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"model: E={m.EmbeddingSize} (init ±{m.EmbeddingInitRange:G3}), neural width {m.ResolvedNeuralWidth}, item towers {Towers(m, FeatureEntity.Item, data)}, " +
            $"user towers {Towers(m, FeatureEntity.User, data)}, biases {(m.UseBiases ? "on" : "off")}, λe {m.EmbeddingL2:G3}, λt {m.EmbeddingTableL2:G3}, λd {m.DenseL2:G3}; " +
            $"Adam {Name(t.Adam.Variant)} lr {t.Adam.LearningRate:G3} ε {t.Adam.Epsilon:G3}, batch {t.BatchSize}, {epochs}{validation}{refit}" +
            $"{(t.LearningRateDecay < 1 ? $", lr decay {t.LearningRateDecay:G3}" : "")}{(t.EnsembleSize > 1 ? $", ensemble of {t.EnsembleSize}" : "")}; {Ranking(c)}");
    }
}
