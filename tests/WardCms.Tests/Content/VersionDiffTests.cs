using WardCms.Core.Content;

namespace WardCms.Tests.Content;

public class VersionDiffTests
{
    [Fact]
    public void Compare_ListsOnlyChangedFields()
    {
        var changes = VersionDiff.Compare([("Tiêu đề", "A"), ("Tóm tắt", "S")], [("Tiêu đề", "B"), ("Tóm tắt", "S")]);
        var change = Assert.Single(changes);
        Assert.Equal(("Tiêu đề", "A", "B"), (change.Field, change.Before, change.After));
        Assert.Null(change.Lines);
    }

    [Fact]
    public void Lines_MarkAddedAndRemovedLines_KeepingTheRest()
    {
        var lines = VersionDiff.Lines("một\nhai\nba\nbốn", "một\nHAI\nba\nbốn\nnăm");
        Assert.Equal(
        [
            (DiffLineKind.Same, "một"), (DiffLineKind.Removed, "hai"), (DiffLineKind.Added, "HAI"),
            (DiffLineKind.Same, "ba"), (DiffLineKind.Same, "bốn"), (DiffLineKind.Added, "năm"),
        ], lines.Select(l => (l.Kind, l.Text)).ToList());
    }

    [Fact]
    public void Lines_IdenticalText_IsAllSame()
    {
        var lines = VersionDiff.Lines("a\nb", "a\nb");
        Assert.All(lines, l => Assert.Equal(DiffLineKind.Same, l.Kind));
        Assert.Equal(2, lines.Count);
    }
}
