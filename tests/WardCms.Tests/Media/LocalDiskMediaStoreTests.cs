using System.Security.Cryptography;
using System.Text;
using WardCms.Core.Media;

namespace WardCms.Tests.Media;

public sealed class LocalDiskMediaStoreTests : IDisposable
{
    private readonly string _root = MediaSamples.NewTempFolder("store");
    private readonly LocalDiskMediaStore _store;

    public LocalDiskMediaStoreTests() => _store = new LocalDiskMediaStore(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task SaveAsync_Bytes_AreStoredUnderTheirShardedSha256()
    {
        var bytes = Encoding.UTF8.GetBytes("tài liệu");
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var stored = await _store.SaveAsync(new MemoryStream(bytes), ".pdf", CancellationToken.None);

        Assert.Equal($"{sha[..2]}/{sha[2..4]}/{sha}.pdf", stored.Key);
        Assert.True(stored.Created);
        Assert.Equal(bytes.Length, stored.Length);
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(_root, sha[..2], sha[2..4], sha + ".pdf")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, ".tmp")));
    }

    [Fact]
    public async Task SaveAsync_SameBytesTwice_StoresOneFileAndReportsNotCreated()
    {
        var first = await _store.SaveAsync(new MemoryStream([1, 2, 3]), "jpg", CancellationToken.None);
        var second = await _store.SaveAsync(new MemoryStream([1, 2, 3]), "jpg", CancellationToken.None);

        Assert.Equal(first.Key, second.Key);
        Assert.False(second.Created);
        Assert.Single(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task OpenReadAsync_And_DeleteAsync_RoundTrip()
    {
        var stored = await _store.SaveAsync(new MemoryStream([9, 8, 7]), "png", CancellationToken.None);

        await using (var stream = await _store.OpenReadAsync(stored.Key, CancellationToken.None))
        {
            Assert.NotNull(stream);
            var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(new byte[] { 9, 8, 7 }, copy.ToArray());
        }
        Assert.True(await _store.DeleteAsync(stored.Key, CancellationToken.None));
        Assert.False(await _store.ExistsAsync(stored.Key, CancellationToken.None));
        Assert.Null(await _store.OpenReadAsync(stored.Key, CancellationToken.None));
        Assert.False(await _store.DeleteAsync(stored.Key, CancellationToken.None));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("ab/cd/../../../secret.jpg")]
    [InlineData("ab\\cd\\abcdef.jpg")]
    [InlineData("e3/b0/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.jpg\0.txt")]
    [InlineData("E3/B0/E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855.JPG")]
    [InlineData("00/00/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.jpg")]
    [InlineData("e3/b0/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.exe")]
    [InlineData("e3/b0/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.jpg\n")]
    [InlineData("")]
    public async Task EveryOperation_KeyThatIsNotAStoreKey_IsRejectedBeforeTouchingTheDisk(string key)
    {
        Assert.False(MediaKey.IsValid(key));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.OpenReadAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.DeleteAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.ExistsAsync(key, CancellationToken.None));
    }

    [Theory]
    [InlineData("exe")]
    [InlineData("../jpg")]
    [InlineData("jpg/../../x")]
    [InlineData("html")]
    public async Task SaveAsync_ExtensionTheStoreDoesNotHold_IsRejected(string extension)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.SaveAsync(new MemoryStream([1]), extension, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void IsValid_KeyMadeByFor_IsValid()
    {
        var key = MediaKey.For(Convert.ToHexStringLower(SHA256.HashData([1])), "webp");

        Assert.True(MediaKey.IsValid(key));
    }
}
