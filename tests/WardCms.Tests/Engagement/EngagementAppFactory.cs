using WardCms.Core.Data;
using WardCms.Tests.Infrastructure;

namespace WardCms.Tests.Engagement;

/// <summary>
/// The app for the engagement tests; each test is its own client for the rate limiter and the view
/// counter through <see cref="WardAppFactory.ClientHeader"/>.
/// </summary>
public abstract class EngagementAppFactory(DatabaseProvider provider) : WardAppFactory(provider);

public sealed class SqliteEngagementAppFactory() : EngagementAppFactory(DatabaseProvider.Sqlite);

public sealed class PostgresEngagementAppFactory() : EngagementAppFactory(DatabaseProvider.Postgres);
