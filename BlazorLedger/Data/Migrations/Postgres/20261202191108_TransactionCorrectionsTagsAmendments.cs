using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BlazorLedger.Data.Migrations.Postgres
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Transactions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "TransactionAmendments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TransactionId = table.Column<Guid>(type: "uuid", nullable: false),
                    BookId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    AmendedById = table.Column<string>(type: "text", nullable: false),
                    AmendedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Before = table.Column<string>(type: "text", nullable: false),
                    After = table.Column<string>(type: "text", nullable: false)
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
                    TransactionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tag = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    BookId = table.Column<Guid>(type: "uuid", nullable: false)
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
