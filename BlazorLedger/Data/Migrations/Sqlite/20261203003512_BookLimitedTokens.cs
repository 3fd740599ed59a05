using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorLedger.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BookLimitedTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "BookId",
                table: "ApiTokens",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_BookId",
                table: "ApiTokens",
                column: "BookId");

            migrationBuilder.AddForeignKey(
                name: "FK_ApiTokens_Books_BookId",
                table: "ApiTokens",
                column: "BookId",
                principalTable: "Books",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ApiTokens_Books_BookId",
                table: "ApiTokens");

            migrationBuilder.DropIndex(
                name: "IX_ApiTokens_BookId",
                table: "ApiTokens");

            migrationBuilder.DropColumn(
                name: "BookId",
                table: "ApiTokens");
        }
    }
}
