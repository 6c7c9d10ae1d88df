namespace HybridRec.Data.Synthetic;

/// <summary>
/// Word material for synthetic tags, lower case like most MovieLens tags, never containing a comma or quote.
/// Each subject word has a home genre (index into <see cref="GenreTable.Labels"/>) or −1 when generic.
/// </summary>
internal static class TagWords
{
    /// <summary>Stand-alone tags (the most used ones on MovieLens look like these), with home genres.</summary>
    public static readonly (string Word, int Genre)[] Singles =
    [
        ("atmospheric", -1), ("funny", 5), ("surreal", -1), ("quirky", -1), ("visually appealing", -1), ("thought-provoking", -1),
        ("twist ending", 17), ("based on a book", -1), ("dark comedy", 5), ("classic", -1), ("cult film", -1), ("great soundtrack", -1),
        ("cinematography", -1), ("stylized", -1), ("nonlinear", -1), ("beautiful", -1), ("predictable", -1), ("overrated", -1),
        ("underrated", -1), ("masterpiece", -1), ("clever", -1), ("witty", 5), ("slow", -1), ("intense", 17), ("emotional", 8),
        ("touching", 8), ("weird", -1), ("original", -1), ("philosophical", 8), ("psychological", 17), ("social commentary", 8),
        ("true story", 8), ("remake", -1), ("sequel", -1), ("franchise", 1), ("black and white", 10), ("oscar winner", 8),
        ("sci-fi", 16), ("action", 1), ("comedy", 5), ("romance", 15), ("horror", 11), ("animation", 3), ("documentary", 7),
        ("war", 18), ("western", 19), ("musical", 13), ("crime", 6), ("mystery", 14), ("thriller", 17), ("fantasy", 9),
        ("drama", 8), ("adventure", 2), ("disney", 4), ("pixar", 3), ("superhero", 1), ("dystopia", 16), ("time travel", 16),
        ("serial killer", 17), ("heist", 6), ("mafia", 6), ("noir", 10), ("world war ii", 18), ("martial arts", 1),
        ("coming of age", 8), ("fairy tale", 9), ("biography", 7), ("imax", 12), ("3d", 12), ("parody", 5), ("satire", 5),
        ("tearjerker", 8), ("suspense", 17), ("scary", 11), ("post-apocalyptic", 16), ("cyberpunk", 16), ("pirates", 2),
        ("road trip", 2), ("courtroom", 8), ("christmas", 4), ("talking animals", 4), ("anime", 3), ("stop motion", 3),
        ("spy", 1), ("conspiracy", 17), ("detective", 14), ("cowboys", 19), ("vietnam", 18), ("dancing", 13), ("politics", 7),
    ];

    /// <summary>Adjectives combined with <see cref="Subjects"/>.</summary>
    public static readonly string[] Modifiers =
    [
        "dark", "funny", "beautiful", "slow", "clever", "violent", "stylish", "gritty", "quirky", "atmospheric", "epic",
        "classic", "cheesy", "smart", "creepy", "sad", "tense", "weird", "cute", "brutal", "realistic", "surreal", "campy",
        "moody", "silly", "haunting", "bleak", "charming", "great", "bad",
    ];

    /// <summary>Nouns combined with <see cref="Modifiers"/>, with home genres.</summary>
    public static readonly (string Word, int Genre)[] Subjects =
    [
        ("ending", -1), ("soundtrack", -1), ("dialogue", -1), ("characters", -1), ("plot", -1), ("acting", -1), ("visuals", -1),
        ("story", -1), ("humor", 5), ("score", -1), ("pacing", -1), ("cast", -1), ("script", -1), ("villain", 1), ("hero", 2),
        ("aliens", 16), ("robots", 16), ("space", 16), ("future", 16), ("zombies", 11), ("vampires", 11), ("gore", 11),
        ("ghosts", 11), ("monsters", 11), ("love story", 15), ("wedding", 15), ("romance", 15), ("car chase", 1),
        ("explosions", 1), ("fight scenes", 1), ("heist", 6), ("gangsters", 6), ("cops", 6), ("killer", 17), ("suspense", 17),
        ("mystery", 14), ("family", 4), ("kids", 4), ("animals", 4), ("magic", 9), ("dragons", 9), ("music", 13), ("songs", 13),
        ("history", 7), ("nature", 7), ("battle scenes", 18), ("soldiers", 18), ("cowboys", 19), ("shootout", 19),
        ("animation", 3), ("cartoon", 3), ("drama", 8), ("tragedy", 8), ("satire", 5), ("noir", 10), ("3d effects", 12),
    ];
}
