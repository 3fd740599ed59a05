using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorLedger.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DailyActivitySlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_DailyActivity",
                table: "DailyActivity");

            migrationBuilder.AddColumn<int>(
                name: "Slot",
                table: "DailyActivity",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_DailyActivity",
                table: "DailyActivity",
                columns: new[] { "Day", "Currency", "Slot" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_DailyActivity",
                table: "DailyActivity");

            migrationBuilder.DropColumn(
                name: "Slot",
                table: "DailyActivity");

            migrationBuilder.AddPrimaryKey(
                name: "PK_DailyActivity",
                table: "DailyActivity",
                columns: new[] { "Day", "Currency" });
        }
    }
}
