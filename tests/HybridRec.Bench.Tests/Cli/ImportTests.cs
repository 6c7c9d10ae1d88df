using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit;

namespace HybridRec.Bench.Tests.Cli;

/// <summary>The main job on a CSV import (<c>--ratings --items --users</c>) and the <c>--user-features</c> switch.</summary>
public sealed class ImportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hybridrec-import-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => Bench.Run(args);

    /// <summary>30 customers rating 20 products (ids from 500), with categories, brands and customer segments.</summary>
    private (string Ratings, string Items, string Users) Files()
    {
        var items = new StringBuilder("product,title,category,brand\n");
        for (int i = 0; i < 20; i++) items.Append(CultureInfo.InvariantCulture, $"{500 + i},Product {i},{(i % 2 == 0 ? "a|b" : "b")},{(i % 3 == 0 ? "acme" : "borg")}\n");
        var users = new StringBuilder("customer,segment\n");
        for (int u = 1; u <= 30; u++) users.Append(CultureInfo.InvariantCulture, $"{u},{(u % 2 == 0 ? "student" : "family")}\n");
        var ratings = new StringBuilder("customer,product,stars,when\n");
        var rng = new HybridRec.Data.SeededRandom(4);
        for (int u = 1; u <= 30; u++)
            for (int i = 0; i < 20; i++)
                if (rng.NextDouble() < 0.4) ratings.Append(CultureInfo.InvariantCulture, $"{u},{500 + i},{1 + rng.NextInt(5)},0\n");
        string r = Path.Combine(_dir, "ratings.csv"), it = Path.Combine(_dir, "items.csv"), us = Path.Combine(_dir, "users.csv");
        File.WriteAllText(r, ratings.ToString());
        File.WriteAllText(it, items.ToString());
        File.WriteAllText(us, users.ToString());
        return (r, it, us);
    }

    private string[] Import(params string[] more)
    {
        var (ratings, items, users) = Files();
        return ["movielens", "--ratings", ratings, "--items", items, "--users", users, "--user-column", "customer", "--item-column", "product",
            "--rating-column", "stars", "--epochs", "2", "--ensemble", "1", "--no-ranking", .. more];
    }

    [Fact]
    public void TheMainJobTrainsOnACsvImportWithUserTowers()
    {
        string report = Path.Combine(_dir, "report.json");
        var (code, output, error) = Run([.. Import("--report", report, "--user", "2")]);
        Assert.True(code == 0, error);
        Assert.Contains("(csv)", output);
        Assert.Contains("20 items", output);
        Assert.Contains("user segment (categorical): 2 values, 30 of 30 users with a value", output);
        Assert.Contains("item towers category 10, brand 10, user towers segment 10", output);
        Assert.Contains("top 3 for user 2:", output);
        Assert.Contains("(item 5", output);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var root = json.RootElement;
        Assert.Equal("csv", root.GetProperty("format").GetString());
        Assert.Equal(["segment"], root.GetProperty("user_feature_groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        // The scale 1–5 in steps of 1 was inferred from the ratings: predictions lie on it.
        Assert.All(root.GetProperty("recommendations").EnumerateArray(), r => Assert.InRange(r.GetProperty("predicted_rating").GetDouble(), 1.0, 5.0));
        Assert.Equal(root.GetProperty("test_rmse").GetDouble(), root.GetProperty("test_rmse_normalized").GetDouble() * 4, 6);
    }

    [Fact]
    public void UserFeaturesCanBeSwitchedOff()
    {
        var (code, output, error) = Run([.. Import("--user-features", "off")]);
        Assert.True(code == 0, error);
        Assert.Contains("user towers none", output);
        var (code2, _, error2) = Run([.. Import("--user-features", "maybe")]);
        Assert.Equal(2, code2);
        Assert.Contains("--user-features must be one of on, off", error2);
    }

    [Fact]
    public void ImportMistakesAreOneLineErrors()
    {
        var (ratings, items, _) = Files();
        var (code, _, error) = Run("movielens", "--ratings", ratings);
        Assert.Equal(2, code);
        Assert.Contains("needs --items", error);
        (code, _, error) = Run("movielens", "--ratings", ratings, "--items", items, "--data", _dir);
        Assert.Equal(2, code);
        Assert.Contains("exclude each other", error);

        File.AppendAllText(ratings, "3,999,4,0\n");
        (code, _, error) = Run("movielens", "--ratings", ratings, "--items", items, "--user-column", "customer", "--item-column", "product", "--rating-column", "stars", "--epochs", "1");
        Assert.Equal(1, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("ratings.csv line", error);
        Assert.Contains("field 'product'", error);
        Assert.Contains("item 999 is not in the items file", error);
    }
}
