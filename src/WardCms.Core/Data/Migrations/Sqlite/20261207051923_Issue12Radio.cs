using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WardCms.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue12Radio : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite (3.35+) drops an unindexed column in place; EF's DropColumn would rebuild the table
            // with foreign keys switched off, outside the migration's transaction.
            migrationBuilder.Sql("ALTER TABLE \"RadioBulletins\" DROP COLUMN \"AudioHash\";");

            migrationBuilder.AddColumn<Guid>(
                name: "ConcurrencyStamp",
                table: "RadioBulletins",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "PublicAudioFile",
                table: "RadioBulletins",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PublicAudioIsSynthetic",
                table: "RadioBulletins",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PublicComment",
                table: "Feedback",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RepliedById",
                table: "Feedback",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RepliedByName",
                table: "Feedback",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RepliedUtc",
                table: "Feedback",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reply",
                table: "Feedback",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConcurrencyStamp",
                table: "RadioBulletins");

            migrationBuilder.DropColumn(
                name: "PublicAudioFile",
                table: "RadioBulletins");

            migrationBuilder.DropColumn(
                name: "PublicAudioIsSynthetic",
                table: "RadioBulletins");

            migrationBuilder.DropColumn(
                name: "PublicComment",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "RepliedById",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "RepliedByName",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "RepliedUtc",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "Reply",
                table: "Feedback");

            migrationBuilder.AddColumn<string>(
                name: "AudioHash",
                table: "RadioBulletins",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }
    }
}
