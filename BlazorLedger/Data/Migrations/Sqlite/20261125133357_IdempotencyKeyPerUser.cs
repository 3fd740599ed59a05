using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorLedger.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdempotencyKeyPerUser : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Transactions_BookId_IdempotencyKey",
                table: "Transactions");

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_BookId_CreatedById_IdempotencyKey",
                table: "Transactions",
                columns: new[] { "BookId", "CreatedById", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Transactions_BookId_CreatedById_IdempotencyKey",
                table: "Transactions");

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_BookId_IdempotencyKey",
                table: "Transactions",
                columns: new[] { "BookId", "IdempotencyKey" },
                unique: true);
        }
    }
}
