using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorLedger.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TransactionCorrectionsTagsAmendments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "Transactions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Transactions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "TransactionAmendments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TransactionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BookId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    AmendedById = table.Column<string>(type: "TEXT", nullable: false),
                    AmendedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: false),
                    After = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransactionAmendments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransactionAmendments_Transactions_TransactionId",
                        column: x => x.TransactionId,
                        principalTable: "Transactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TransactionTags",
                columns: table => new
                {
                    TransactionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BookId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransactionTags", x => new { x.TransactionId, x.Tag });
                    table.ForeignKey(
                        name: "FK_TransactionTags_Transactions_TransactionId",
                        column: x => x.TransactionId,
                        principalTable: "Transactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_CorrectsId",
                table: "Transactions",
                column: "CorrectsId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TransactionAmendments_TransactionId_Version",
                table: "TransactionAmendments",
                columns: new[] { "TransactionId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TransactionTags_BookId_Tag_TransactionId",
                table: "TransactionTags",
                columns: new[] { "BookId", "Tag", "TransactionId" });

            migrationBuilder.AddForeignKey(
                name: "FK_Transactions_Transactions_CorrectsId",
                table: "Transactions",
                column: "CorrectsId",
                principalTable: "Transactions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Transactions_Transactions_CorrectsId",
                table: "Transactions");

            migrationBuilder.DropTable(
                name: "TransactionAmendments");

            migrationBuilder.DropTable(
                name: "TransactionTags");

            migrationBuilder.DropIndex(
                name: "IX_Transactions_CorrectsId",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "CorrectsId",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Transactions");
        }
    }
}
