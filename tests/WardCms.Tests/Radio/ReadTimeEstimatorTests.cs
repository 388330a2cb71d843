using WardCms.Core.Radio;

namespace WardCms.Tests.Radio;

public class ReadTimeEstimatorTests
{
    [Theory]
    [InlineData(200, 200, 60)]
    [InlineData(450, 200, 135)]
    [InlineData(100, 150, 40)]
    [InlineData(0, 200, 0)]
    public void FromSyllables_AtRate_GivesWholeSeconds(int syllables, int rate, int expectedSeconds)
    {
        var duration = ReadTimeEstimator.FromSyllables(syllables, rate);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), duration);
    }

    [Theory]
    [InlineData(135, "2 phút 15 giây")]
    [InlineData(45, "45 giây")]
    [InlineData(120, "2 phút")]
    [InlineData(0, "0 giây")]
    [InlineData(3900, "1 giờ 5 phút")]
    public void Format_Duration_ReadsInVietnamese(int seconds, string expected)
    {
        Assert.Equal(expected, ReadTimeEstimator.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Estimate_DefaultRate_Is200SyllablesPerMinute()
    {
        var script = string.Join(' ', Enumerable.Repeat("tin", 400));
        var estimator = new ReadTimeEstimator();

        Assert.Equal(TimeSpan.FromMinutes(2), estimator.Estimate(script));
    }

    [Fact]
    public void Estimate_AnnouncerOverride_WinsOverSiteDefault()
    {
        var script = string.Join(' ', Enumerable.Repeat("tin", 300));
        var estimator = new ReadTimeEstimator(new SyllableCounter(), defaultSyllablesPerMinute: 200);

        Assert.Equal(TimeSpan.FromMinutes(2), estimator.Estimate(script, announcerSyllablesPerMinute: 150));
    }

    [Fact]
    public void Estimate_CountsNumbersAsSpoken()
    {
        // "2025" is seven syllables on air: at 60 a minute that is seven seconds, not one.
        var estimator = new ReadTimeEstimator(new SyllableCounter(), defaultSyllablesPerMinute: 60);

        Assert.Equal(TimeSpan.FromSeconds(7), estimator.Estimate("2025"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(59)]
    [InlineData(601)]
    public void FromSyllables_ImplausibleRate_IsRejected(int rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReadTimeEstimator.FromSyllables(10, rate));
    }
}
