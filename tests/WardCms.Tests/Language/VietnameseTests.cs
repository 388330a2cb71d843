using System.Text;
using WardCms.Core.Language;

namespace WardCms.Tests.Language;

public class VietnameseTests
{
    [Theory]
    [InlineData("Đăng ký tạm trú trực tuyến", "dang-ky-tam-tru-truc-tuyen")]
    [InlineData("ĐỀ ÁN 06: Định danh điện tử!", "de-an-06-dinh-danh-dien-tu")]
    [InlineData("  Người dân -- doanh nghiệp  ", "nguoi-dan-doanh-nghiep")]
    [InlineData("Quyết định 123/QĐ-UBND", "quyet-dinh-123-qd-ubnd")]
    [InlineData("!!!", "")]
    public void Slugify_VietnameseTitle_DropsMarksAndFoldsDToD(string title, string slug) =>
        Assert.Equal(slug, Vietnamese.Slugify(title));

    [Fact]
    public void Slugify_LongTitle_CutsAtAWordBoundary()
    {
        var slug = Vietnamese.Slugify(string.Join(' ', Enumerable.Repeat("cải cách hành chính", 20)), 40);
        Assert.True(slug.Length <= 40);
        Assert.False(slug.EndsWith('-'));
        Assert.All(slug.Split('-'), word => Assert.Contains(word, new[] { "cai", "cach", "hanh", "chinh" }));
    }

    [Fact]
    public void Nfc_DecomposedInput_EqualsComposed()
    {
        var decomposed = "Người dân".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Người dân", decomposed);
        Assert.Equal("Người dân", Vietnamese.Nfc(decomposed));
    }

    [Theory]
    [InlineData("Đài truyền thanh", "dai truyen thanh")]
    [InlineData("ĐĂNG KÝ", "dang ky")]
    [InlineData("người", "nguoi")]
    public void Fold_RemovesEveryMarkIncludingTheStrokeOfD(string text, string folded)
    {
        Assert.Equal(folded, Vietnamese.Fold(text));
        Assert.Equal(folded, Vietnamese.Fold(text.Normalize(NormalizationForm.FormD)));
    }

    [Theory]
    [InlineData("dang-ky", true)]
    [InlineData("Dang-ky", false)]
    [InlineData("dang--ky", false)]
    [InlineData("-dang", false)]
    [InlineData("đăng-ký", false)]
    [InlineData("../etc", false)]
    public void IsValidSlug_AcceptsOnlyLowerAsciiWordsJoinedByOneDash(string slug, bool valid) =>
        Assert.Equal(valid, Vietnamese.IsValidSlug(slug));
}
