using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WardCms.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OneOpenSendingAndNewItemAutosave : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CityPageSubmission_FromSiteId_FromItemId",
                table: "CityPageSubmission");

            migrationBuilder.CreateIndex(
                name: "IX_EditorAutosave_UserId_ContentType",
                table: "EditorAutosave",
                columns: new[] { "UserId", "ContentType" },
                unique: true,
                filter: "\"ContentItemId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CityPageSubmission_FromSiteId_FromItemId",
                table: "CityPageSubmission",
                columns: new[] { "FromSiteId", "FromItemId" },
                unique: true,
                filter: "\"Status\" <> 'returned'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EditorAutosave_UserId_ContentType",
                table: "EditorAutosave");

            migrationBuilder.DropIndex(
                name: "IX_CityPageSubmission_FromSiteId_FromItemId",
                table: "CityPageSubmission");

            migrationBuilder.CreateIndex(
                name: "IX_CityPageSubmission_FromSiteId_FromItemId",
                table: "CityPageSubmission",
                columns: new[] { "FromSiteId", "FromItemId" });
        }
    }
}
