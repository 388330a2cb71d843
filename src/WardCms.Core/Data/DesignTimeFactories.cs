using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WardCms.Core.Data;

// Used only by `dotnet ef migrations add`: no server is contacted.
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWardDbContext>
{
    public SqliteWardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteWardDbContext>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsAssembly(typeof(WardDbContext).Assembly.FullName))
            .Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWardDbContext>
{
    public PostgresWardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresWardDbContext>()
            .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsAssembly(typeof(WardDbContext).Assembly.FullName))
            .Options);
}
