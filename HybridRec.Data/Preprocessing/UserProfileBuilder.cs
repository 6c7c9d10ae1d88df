using System.Globalization;

namespace HybridRec.Data.Preprocessing;

/// <summary>
/// Collects the MovieLens user profiles (one line per user: age band, gender, occupation, zip prefix) while the
/// profile file is read, and builds the user feature groups once the users are known. Profiles of users without a
/// kept rating are counted and ignored; users without a profile get no value; a user listed twice is an error.
/// </summary>
internal sealed class UserProfileBuilder
{
    private readonly Dictionary<int, long> _lineOf = [];
    private readonly List<(int RawUser, string Age, string Gender, string Occupation, string Zip)> _profiles = [];

    /// <summary>Adds one profile; the values are already mapped (see <see cref="MovieLensProfiles"/>).</summary>
    public void Add(int rawUser, string age, string gender, string occupation, string zip, string file, long line, string idField)
    {
        if (!_lineOf.TryAdd(rawUser, line))
            throw new DatasetFormatException(file, line, idField, rawUser.ToString(CultureInfo.InvariantCulture),
                $"user {rawUser} already has a profile on line {_lineOf[rawUser]}");
        _profiles.Add((rawUser, age, gender, occupation, zip));
    }

    /// <summary>Profile lines added.</summary>
    public int Count => _profiles.Count;

    /// <summary>Builds the groups <c>age</c>, <c>gender</c>, <c>occupation</c>, <c>zip</c> over <paramref name="users"/> and fills the report's profile counters.</summary>
    public FeatureGroupCollection Build(IdMap users, LoadReport report, string file)
    {
        var age = new FeatureGroupBuilder(MovieLensProfiles.Age, FeatureKind.Categorical);
        var gender = new FeatureGroupBuilder(MovieLensProfiles.Gender, FeatureKind.Categorical);
        var occupation = new FeatureGroupBuilder(MovieLensProfiles.Occupation, FeatureKind.Categorical);
        var zip = new FeatureGroupBuilder(MovieLensProfiles.Zip, FeatureKind.Categorical);
        long withoutRatings = 0;
        int matched = 0;
        foreach (var p in _profiles)
        {
            if (!users.TryGetIndex(p.RawUser, out int u))
            {
                withoutRatings++;
                continue;
            }
            matched++;
            age.Add(u, p.Age);
            gender.Add(u, p.Gender);
            occupation.Add(u, p.Occupation);
            zip.Add(u, p.Zip);
        }
        report.UserProfilesWithoutRatings = withoutRatings;
        report.UsersWithoutProfile = users.Count - matched;
        if (withoutRatings > 0)
            report.Warnings.Add($"{file}: {withoutRatings:N0} profiles of users without a kept rating were ignored.");
        if (report.UsersWithoutProfile > 0)
            report.Warnings.Add($"{file}: {report.UsersWithoutProfile:N0} users with ratings have no profile; they have no user features.");
        return new FeatureGroupCollection([age.Build(users.Count), gender.Build(users.Count), occupation.Build(users.Count), zip.Build(users.Count)]);
    }
}
