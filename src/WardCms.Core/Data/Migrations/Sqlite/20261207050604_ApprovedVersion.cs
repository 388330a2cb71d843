using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WardCms.Core.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            // Before this migration, saving after an approval did not reset the state, so an approved or
            // scheduled item's latest version may be text nobody reviewed. The approved version is the one
            // the last approving move recorded in the audit trail; an item whose latest version is not that
            // one goes back to review (draft, or published-with-changes) and loses its schedule.
            migrationBuilder.Sql("""
                UPDATE "ContentItems" SET "ApprovedVersionId" = (
                    SELECT v."Id" FROM "ContentVersions" v
                    WHERE v."ContentItemId" = "ContentItems"."Id" AND v."Number" = (
                        SELECT a."VersionNumber" FROM "AuditEntry" a
                        WHERE a."ContentItemId" = "ContentItems"."Id" AND a."Action" IN ('Approved', 'Scheduled', 'Published')
                        ORDER BY a."AtUtc" DESC, a."Id" DESC LIMIT 1))
                WHERE "Status" IN ('Approved', 'Scheduled');
                UPDATE "ContentItems"
                SET "Status" = CASE WHEN "PublishedVersionId" IS NULL THEN 'Draft' ELSE 'Published' END, "ScheduledPublishUtc" = NULL
                WHERE "Status" IN ('Approved', 'Scheduled') AND ("ApprovedVersionId" IS NULL OR "ApprovedVersionId" <> "LatestVersionId");
                UPDATE "ContentItems" SET "ApprovedVersionId" = "PublishedVersionId"
                WHERE "ApprovedVersionId" IS NULL AND "PublishedVersionId" IS NOT NULL;
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
