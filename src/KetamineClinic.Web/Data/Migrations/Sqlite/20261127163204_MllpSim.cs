using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KetamineClinic.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MllpSim : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hl7Application",
                table: "Devices",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hl7Facility",
                table: "Devices",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Devices_Hl7Application_Hl7Facility",
                table: "Devices",
                columns: new[] { "Hl7Application", "Hl7Facility" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Devices_Hl7Application_Hl7Facility",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "Hl7Application",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "Hl7Facility",
                table: "Devices");
        }
    }
}
