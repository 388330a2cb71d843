using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WardCms.Core.Data.Migrations.Postgres
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Sites",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "unit");

            migrationBuilder.CreateTable(
                name: "CityPageSubmission",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    FromSiteId = table.Column<int>(type: "integer", nullable: false),
                    FromItemId = table.Column<int>(type: "integer", nullable: false),
                    FromVersionId = table.Column<int>(type: "integer", nullable: false),
                    FromSiteName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromUnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SourceUrl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    Topics = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SentById = table.Column<string>(type: "text", nullable: true),
                    SentByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedById = table.Column<string>(type: "text", nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DecidedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CityItemId = table.Column<int>(type: "integer", nullable: true),
                    CityUrl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    PostedOn = table.Column<DateOnly>(type: "date", nullable: true)
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
