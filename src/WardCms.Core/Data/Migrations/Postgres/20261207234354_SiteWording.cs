using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WardCms.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SiteWording : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Level",
                table: "Sites",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RadioName",
                table: "Sites",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ReportRecipients",
                table: "Sites",
                type: "text",
                nullable: false,
                defaultValue: "");

            // Sites made before this version spoke as wards (the wording was in code): keep what their
            // pages and reports said, and read a commune's or town's level from its issuing body.
            migrationBuilder.Sql("UPDATE \"Sites\" SET \"Level\" = 'phường' WHERE \"IssuingBody\" LIKE 'PHƯỜNG %';");
            migrationBuilder.Sql("UPDATE \"Sites\" SET \"Level\" = 'xã' WHERE \"IssuingBody\" LIKE 'XÃ %';");
            migrationBuilder.Sql("UPDATE \"Sites\" SET \"Level\" = 'thị trấn' WHERE \"IssuingBody\" LIKE 'THỊ TRẤN %';");
            migrationBuilder.Sql("UPDATE \"Sites\" SET \"ReportRecipients\" = 'UBND Thành phố (để báo cáo);\nThường trực Đảng ủy, HĐND phường;\nLưu: VT, VH-XH.' WHERE \"Level\" = 'phường';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Level",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "RadioName",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "ReportRecipients",
                table: "Sites");
        }
    }
}
