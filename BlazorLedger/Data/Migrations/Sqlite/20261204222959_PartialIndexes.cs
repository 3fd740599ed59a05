using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorLedger.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartialIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Transactions_BookId_Payee_Date_Number",
                table: "Transactions");

            migrationBuilder.DropIndex(
                name: "IX_Transactions_CorrectsId",
                table: "Transactions");

            migrationBuilder.DropIndex(
                name: "IX_Transactions_ImportBatchId",
                table: "Transactions");

            migrationBuilder.DropIndex(
                name: "IX_Transactions_ReversesId",
                table: "Transactions");

            migrationBuilder.DropIndex(
                name: "IX_Postings_ReconciliationId",
                table: "Postings");

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_BookId_Payee_Date_Number",
                table: "Transactions",
                columns: new[] { "BookId", "Payee", "Date", "Number" },
                filter: "\"Payee\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_CorrectsId",
                table: "Transactions",
                column: "CorrectsId",
                unique: true,
                filter: "\"CorrectsId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_ImportBatchId",
                table: "Transactions",
                column: "ImportBatchId",
                filter: "\"ImportBatchId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_ReversesId",
                table: "Transactions",
                column: "ReversesId",
                unique: true,
                filter: "\"ReversesId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Postings_ReconciliationId",
                table: "Postings",
                column: "ReconciliationId",
                filter: "\"ReconciliationId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Transactions_BookId_Payee_Date_Number",
                table: "Transactions");

            migrationBuilder.DropIndex(
                name: "IX_Transactions_CorrectsId",
                table: "Transactions");

            migrationBuilder.DropIndex(
                name: "IX_Transactions_ImportBatchId",
                table: "Transactions");

            migrationBuilder.DropIndex(
                name: "IX_Transactions_ReversesId",
                table: "Transactions");

            migrationBuilder.DropIndex(
                name: "IX_Postings_ReconciliationId",
                table: "Postings");

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_BookId_Payee_Date_Number",
                table: "Transactions",
                columns: new[] { "BookId", "Payee", "Date", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_CorrectsId",
                table: "Transactions",
                column: "CorrectsId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_ImportBatchId",
                table: "Transactions",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_ReversesId",
                table: "Transactions",
                column: "ReversesId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Postings_ReconciliationId",
                table: "Postings",
                column: "ReconciliationId");
        }
    }
}
