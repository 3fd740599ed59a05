using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorLedger.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountDayIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AccountDays_BookId_Date_AccountId_Amount",
                table: "AccountDays");

            migrationBuilder.CreateIndex(
                name: "IX_AccountDays_AccountId_Date_Amount",
                table: "AccountDays",
                columns: new[] { "AccountId", "Date", "Amount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AccountDays_AccountId_Date_Amount",
                table: "AccountDays");

            migrationBuilder.CreateIndex(
                name: "IX_AccountDays_BookId_Date_AccountId_Amount",
                table: "AccountDays",
                columns: new[] { "BookId", "Date", "AccountId", "Amount" });
        }
    }
}
