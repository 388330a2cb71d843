using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WardCms.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CityPageSubmissions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CityPageKey",
                table: "Sites",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Sites",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "unit");

            migrationBuilder.CreateTable(
                name: "CityPageSubmission",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromSiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromSiteName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FromUnitName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SourceUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Topics = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SentById = table.Column<string>(type: "TEXT", nullable: true),
                    SentByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SentUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedById = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DecidedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CityItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    CityUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    PostedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CityPageSubmission", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CityPageSubmission_Sites_FromSiteId",
                        column: x => x.FromSiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CityPageSubmission_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CityPageSubmission_FromSiteId_FromItemId",
                table: "CityPageSubmission",
                columns: new[] { "FromSiteId", "FromItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_CityPageSubmission_SiteId_Status_SentUtc",
                table: "CityPageSubmission",
                columns: new[] { "SiteId", "Status", "SentUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CityPageSubmission");

            migrationBuilder.DropColumn(
                name: "CityPageKey",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Sites");
        }
    }
}
