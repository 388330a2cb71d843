namespace WardCms.E2E.Infrastructure;

/// <summary>One app and one browser for the whole E2E run: starting Chromium per class costs seconds.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
