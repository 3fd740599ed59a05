using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorLedger.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ReconciliationId",
                table: "Postings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "Postings",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Uncleared");

            migrationBuilder.CreateTable(
                name: "Reconciliations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BookId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StatementDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StatementBalance = table.Column<long>(type: "INTEGER", nullable: false),
                    PostingCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AdjustmentTransactionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReconciledById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ReconciledAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reconciliations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reconciliations_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Reconciliations_Books_BookId",
                        column: x => x.BookId,
                        principalTable: "Books",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Reconciliations_Transactions_AdjustmentTransactionId",
                        column: x => x.AdjustmentTransactionId,
                        principalTable: "Transactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Postings_ReconciliationId",
                table: "Postings",
                column: "ReconciliationId");

            migrationBuilder.CreateIndex(
                name: "IX_Reconciliations_AccountId_StatementDate",
                table: "Reconciliations",
                columns: new[] { "AccountId", "StatementDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Reconciliations_AdjustmentTransactionId",
                table: "Reconciliations",
                column: "AdjustmentTransactionId");

            migrationBuilder.CreateIndex(
                name: "IX_Reconciliations_BookId",
                table: "Reconciliations",
                column: "BookId");

            migrationBuilder.AddForeignKey(
                name: "FK_Postings_Reconciliations_ReconciliationId",
                table: "Postings",
                column: "ReconciliationId",
                principalTable: "Reconciliations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Postings_Reconciliations_ReconciliationId",
                table: "Postings");

            migrationBuilder.DropTable(
                name: "Reconciliations");

            migrationBuilder.DropIndex(
                name: "IX_Postings_ReconciliationId",
                table: "Postings");

            migrationBuilder.DropColumn(
                name: "ReconciliationId",
                table: "Postings");

            migrationBuilder.DropColumn(
                name: "State",
                table: "Postings");
        }
    }
}
