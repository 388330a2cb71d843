using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WardCms.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Issue12Radio : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AudioHash",
                table: "RadioBulletins");

            migrationBuilder.AddColumn<Guid>(
                name: "ConcurrencyStamp",
                table: "RadioBulletins",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "PublicAudioFile",
                table: "RadioBulletins",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PublicAudioIsSynthetic",
                table: "RadioBulletins",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PublicComment",
                table: "Feedback",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RepliedById",
                table: "Feedback",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RepliedByName",
                table: "Feedback",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RepliedUtc",
                table: "Feedback",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reply",
                table: "Feedback",
                type: "character varying(2000)",
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }
    }
}
