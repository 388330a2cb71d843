using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WardCms.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SiteDocumentCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DocumentCode",
                table: "Sites",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // Every site's reports said "…/BC-UBND" before (it was in code): they keep it.
            migrationBuilder.Sql("UPDATE \"Sites\" SET \"DocumentCode\" = 'UBND';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DocumentCode",
                table: "Sites");
        }
    }
}
