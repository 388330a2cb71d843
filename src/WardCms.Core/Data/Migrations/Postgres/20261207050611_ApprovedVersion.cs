using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WardCms.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ApprovedVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ApprovedVersionId",
                table: "ContentItems",
                type: "integer",
                nullable: true);

            // Items approved or scheduled before versions were approved: their approval was of the
            // latest version (saving did not reset it then); a published item's public version was.
            migrationBuilder.Sql("""
                UPDATE "ContentItems" SET "ApprovedVersionId" = "LatestVersionId" WHERE "Status" IN ('Approved', 'Scheduled');
                UPDATE "ContentItems" SET "ApprovedVersionId" = "PublishedVersionId" WHERE "ApprovedVersionId" IS NULL AND "PublishedVersionId" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApprovedVersionId",
                table: "ContentItems");
        }
    }
}
