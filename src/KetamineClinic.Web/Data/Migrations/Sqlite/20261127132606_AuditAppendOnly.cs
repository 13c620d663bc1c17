using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KetamineClinic.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The database itself refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL) on the audit trail,
            // whoever issues them (design.md §2.6). The SQL per provider lives in AppendOnlyTriggers.
            migrationBuilder.CreateAppendOnlyTriggers("AuditEvents");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropAppendOnlyTriggers("AuditEvents");
        }
    }
}
