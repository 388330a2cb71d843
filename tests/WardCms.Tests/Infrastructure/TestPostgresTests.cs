namespace WardCms.Tests.Infrastructure;

public class TestPostgresTests
{
    [Fact]
    public void CreateDatabase_GivesAnEmptyUtf8DatabaseOnARealServer()
    {
        var cs = TestPostgres.CreateDatabase();
        using var conn = new Npgsql.NpgsqlConnection(cs);
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT current_setting('server_encoding'), lower('ĐĂNG KÝ')";
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal("UTF8", r.GetString(0));
        Assert.Equal("đăng ký", r.GetString(1));
    }
}
