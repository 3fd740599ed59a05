using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorLedger.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MonthStartDay",
                table: "Books",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "AccountDays",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    BookId = table.Column<Guid>(type: "uuid", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountDays", x => new { x.AccountId, x.Date });
                    table.ForeignKey(
                        name: "FK_AccountDays_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountDays_BookId_Date_AccountId_Amount",
                table: "AccountDays",
                columns: new[] { "BookId", "Date", "AccountId", "Amount" });

            // The days of every posting so far; from here on posting keeps them.
            migrationBuilder.Sql("""
                INSERT INTO "AccountDays" ("AccountId", "Date", "BookId", "Amount")
                SELECT p."AccountId", p."Date", a."BookId", SUM(p."Amount")
                FROM "Postings" AS p JOIN "Accounts" AS a ON a."Id" = p."AccountId"
                GROUP BY p."AccountId", p."Date", a."BookId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountDays");

            migrationBuilder.DropColumn(
                name: "MonthStartDay",
                table: "Books");
        }
    }
}
