using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WardCms.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SiteState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "Sites",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "active"); // every existing site serves

            migrationBuilder.AddColumn<string>(
                name: "StateNote",
                table: "Sites",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "State",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "StateNote",
                table: "Sites");
        }
    }
}
