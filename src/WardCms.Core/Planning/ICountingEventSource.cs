namespace WardCms.Core.Planning;

/// <summary>
/// One kind of fact the quota engine counts: publications on the portal, airings on the ward radio,
/// postings to the City CCHC page. Each feature that records such facts registers its source;
/// the dashboard, the API and the reports read them all through the same code.
/// </summary>
public interface ICountingEventSource
{
    Task<IReadOnlyList<CountingEvent>> LoadAsync(int siteId, DateTime fromUtc, DateTime toUtc, CancellationToken ct);
}
