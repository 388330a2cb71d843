using System.Text.RegularExpressions;
using WardCms.Core.Content.Parts;
using WardCms.Tests.Recipes;

namespace WardCms.Tests.Content;

/// <summary>
/// A part's knowledge stays inside its part: outside Content/Parts nothing asks whether a type has a
/// given part or names one (the rest of the system calls the parts' hooks), and each part's views sit
/// in its own folder.
/// </summary>
public class PartBoundaryTests
{
    private static readonly string Root = Path.GetDirectoryName(Path.GetDirectoryName(RecipeTestHost.RepoFile("src", "WardCms.Core", "WardCms.Core.csproj")))!;
    private static readonly string PartsFolder = Path.Combine(Root, "WardCms.Core", "Content", "Parts") + Path.DirectorySeparatorChar;

    [Fact]
    public void NoCodeOutsideThePartsFolder_AsksForAPartByName()
    {
        var repo = Path.GetDirectoryName(Root)!;
        var offenders = new List<string>();
        foreach (var folder in new[] { Path.Combine(repo, "src"), Path.Combine(repo, "themes") })
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.StartsWith(PartsFolder, StringComparison.Ordinal)))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (Regex.IsMatch(lines[i], @"HasPart\(|PartName"))
                    {
                        offenders.Add($"{Path.GetRelativePath(repo, file)}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }
        }
        Assert.True(offenders.Count == 0, "Part knowledge outside the parts' folders (use the part's hooks):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void EveryPartsViews_AreFilesInItsOwnFolder()
    {
        var parts = typeof(ContentPartDefinition).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(ContentPartDefinition)))
            .Select(t => (ContentPartDefinition)Activator.CreateInstance(t)!).ToList();
        Assert.True(parts.Count >= 7);
        foreach (var part in parts)
        {
            var folder = Path.GetDirectoryName(Directory.EnumerateFiles(PartsFolder, part.GetType().Name + ".cs", SearchOption.AllDirectories).Single())!;
            foreach (var view in new[] { part.EditorView, part.DisplayView, part.SectionView }.OfType<string>())
            {
                var file = Path.Combine(Root, "WardCms.Core", view.TrimStart('/').Replace('/', Path.DirectorySeparatorChar));
                Assert.True(File.Exists(file), $"{part.Name}: {view} does not exist");
                Assert.Equal(folder, Path.GetDirectoryName(file));
            }
            Assert.True(part.DisplayView is not null || part.DisplayZones.Count == 0, $"{part.Name} names display zones without a view");
            Assert.True(part.SectionView is not null || part.SectionZones.Count == 0, $"{part.Name} names section zones without a view");
        }
    }
}
