using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorLedger.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActivityCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "TransactionCount",
                table: "Books",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "DailyActivity",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Transactions = table.Column<long>(type: "INTEGER", nullable: false),
                    Volume = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyActivity", x => new { x.Day, x.Currency });
                });

            // Fill the counters for transactions posted before they existed.
            migrationBuilder.Sql("""
                UPDATE "Books" SET "TransactionCount" = (SELECT COUNT(*) FROM "Transactions" AS t WHERE t."BookId" = "Books"."Id");
                INSERT INTO "DailyActivity" ("Day", "Currency", "Transactions", "Volume")
                SELECT substr(t."CreatedAt", 1, 10), '*', COUNT(*), 0 FROM "Transactions" AS t GROUP BY substr(t."CreatedAt", 1, 10);
                INSERT INTO "DailyActivity" ("Day", "Currency", "Transactions", "Volume")
                SELECT substr(t."CreatedAt", 1, 10), a."Currency", COUNT(DISTINCT t."Id"), SUM(p."Amount")
                FROM "Postings" AS p JOIN "Transactions" AS t ON t."Id" = p."TransactionId" JOIN "Accounts" AS a ON a."Id" = p."AccountId"
                WHERE p."Amount" > 0 GROUP BY substr(t."CreatedAt", 1, 10), a."Currency";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyActivity");

            migrationBuilder.DropColumn(
                name: "TransactionCount",
                table: "Books");
        }
    }
}
