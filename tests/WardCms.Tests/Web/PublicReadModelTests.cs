using WardCms.Core.Content;
using WardCms.Web.Setup;

namespace WardCms.Tests.Web;

public sealed class PublicReadModelTests
{
    private sealed class Box(string value)
    {
        public string Value { get; } = value;
    }

    private static Func<int[], CancellationToken, Task<Box?>> Counting(string value) => (calls, _) =>
    {
        calls[0]++;
        return Task.FromResult<Box?>(new Box(value + calls[0]));
    };

    [Fact]
    public async Task SameStamp_LoadsOnce_AndSharesTheValue()
    {
        var model = new PublicReadModel(new PublicContentStamp(), enabled: true);
        var calls = new int[1];

        var first = await model.GetAsync("item:1", calls, Counting("v"), default);
        var second = await model.GetAsync("item:1", calls, Counting("v"), default);

        Assert.Equal(1, calls[0]);
        Assert.Same(first, second);
        Assert.Equal("v1", second!.Value);
        Assert.Equal(1, model.Count);
    }

    [Fact]
    public async Task BumpedStamp_LoadsAgain()
    {
        var stamp = new PublicContentStamp();
        var model = new PublicReadModel(stamp, enabled: true);
        var calls = new int[1];
        await model.GetAsync("item:1", calls, Counting("v"), default);

        stamp.Bump();
        var after = await model.GetAsync("item:1", calls, Counting("v"), default);

        Assert.Equal(2, calls[0]);
        Assert.Equal("v2", after!.Value);
    }

    [Fact]
    public async Task SaveDuringTheLoad_IsNotHiddenByWhatTheLoadRead()
    {
        // The stamp is read before loading: a load that raced with a save is stored under the older
        // stamp, so the request after the save loads again.
        var stamp = new PublicContentStamp();
        var model = new PublicReadModel(stamp, enabled: true);
        var calls = new int[1];
        await model.GetAsync("item:1", calls, (c, _) =>
        {
            c[0]++;
            stamp.Bump();
            return Task.FromResult<Box?>(new Box("before the save"));
        }, default);

        var next = await model.GetAsync("item:1", calls, Counting("after"), default);

        Assert.Equal(2, calls[0]);
        Assert.Equal("after2", next!.Value);
    }

    [Fact]
    public async Task Missing_IsNotRemembered()
    {
        var model = new PublicReadModel(new PublicContentStamp(), enabled: true);
        var calls = 0;

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await model.GetAsync("item:no-such-slug", 0, (_, _) =>
            {
                calls++;
                return Task.FromResult<Box?>(null);
            }, default));
        }

        Assert.Equal(3, calls);
        Assert.Equal(0, model.Count);
    }

    [Fact]
    public async Task Disabled_LoadsEveryTime()
    {
        var model = new PublicReadModel(new PublicContentStamp(), enabled: false);
        var calls = new int[1];

        await model.GetAsync("item:1", calls, Counting("v"), default);
        var second = await model.GetAsync("item:1", calls, Counting("v"), default);

        Assert.Equal(2, calls[0]);
        Assert.Equal("v2", second!.Value);
        Assert.Equal(0, model.Count);
    }

    [Fact]
    public async Task Full_StartsOver_InsteadOfGrowing()
    {
        var model = new PublicReadModel(new PublicContentStamp(), enabled: true);
        for (var i = 0; i < PublicReadModel.MaxEntries; i++)
        {
            await model.GetAsync("k" + i, i, (n, _) => Task.FromResult<Box?>(new Box(n.ToString())), default);
        }
        Assert.Equal(PublicReadModel.MaxEntries, model.Count);

        await model.GetAsync("one-more", 0, (_, _) => Task.FromResult<Box?>(new Box("x")), default);

        Assert.Equal(1, model.Count);
    }

    private sealed class Large(long bytes) : PublicReadModel.ISized
    {
        public long ApproximateBytes => bytes;
    }

    [Fact]
    public async Task OverTheByteBudget_StartsOver()
    {
        var stamp = new PublicContentStamp();
        var model = new PublicReadModel(stamp, enabled: true);
        var half = PublicReadModel.MaxBytes / 2 + 1;

        await model.GetAsync("a", half, (b, _) => Task.FromResult(new Large(b)), default);
        Assert.Equal(half, model.Bytes);
        // Loaded again under a new stamp: the entry is replaced, not counted twice.
        stamp.Bump();
        await model.GetAsync("a", half, (b, _) => Task.FromResult(new Large(b)), default);
        Assert.Equal(half, model.Bytes);
        Assert.Equal(1, model.Count);
        // A second half does not fit beside the first: the model starts over.
        await model.GetAsync("b", half, (b, _) => Task.FromResult(new Large(b)), default);

        Assert.Equal(1, model.Count);
        Assert.Equal(half, model.Bytes);
    }
}
