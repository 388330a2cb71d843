namespace WardCms.Core.Radio;

// Announcers read CCHC news at about 200 syllables a minute; a slower reader sets their own rate.
public sealed class ReadTimeEstimator(SyllableCounter counter, int defaultSyllablesPerMinute = ReadTimeEstimator.DefaultSyllablesPerMinute)
{
    public const int DefaultSyllablesPerMinute = 200;
    public const int MinSyllablesPerMinute = 60;
    public const int MaxSyllablesPerMinute = 600;

    private readonly int _defaultRate = ValidateRate(defaultSyllablesPerMinute);

    public ReadTimeEstimator()
        : this(new SyllableCounter())
    {
    }

    public int DefaultRate => _defaultRate;

    public TimeSpan Estimate(string script, int? announcerSyllablesPerMinute = null) =>
        FromSyllables(counter.Count(script), announcerSyllablesPerMinute ?? _defaultRate);

    public static TimeSpan FromSyllables(int syllables, int syllablesPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(syllables);
        ValidateRate(syllablesPerMinute);
        // Whole seconds: nobody times a bulletin closer than that.
        return TimeSpan.FromSeconds(Math.Round(syllables * 60.0 / syllablesPerMinute, MidpointRounding.AwayFromZero));
    }

    // "2 phút 15 giây", "45 giây", "1 giờ 5 phút"; zero parts inside are left out.
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)Math.Round(Math.Max(0, duration.TotalSeconds), MidpointRounding.AwayFromZero);
        var hours = seconds / 3600;
        var minutes = seconds % 3600 / 60;
        var rest = seconds % 60;
        var parts = new List<string>(3);
        if (hours > 0)
        {
            parts.Add($"{hours} giờ");
        }
        if (minutes > 0)
        {
            parts.Add($"{minutes} phút");
        }
        if (rest > 0 || parts.Count == 0)
        {
            parts.Add($"{rest} giây");
        }
        return string.Join(' ', parts);
    }

    private static int ValidateRate(int syllablesPerMinute)
    {
        if (syllablesPerMinute is < MinSyllablesPerMinute or > MaxSyllablesPerMinute)
        {
            throw new ArgumentOutOfRangeException(
                nameof(syllablesPerMinute),
                syllablesPerMinute,
                $"Tốc độ đọc phải từ {MinSyllablesPerMinute} đến {MaxSyllablesPerMinute} tiếng/phút.");
        }
        return syllablesPerMinute;
    }
}
