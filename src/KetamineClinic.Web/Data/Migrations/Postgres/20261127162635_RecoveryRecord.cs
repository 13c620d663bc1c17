using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KetamineClinic.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RecoveryRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BpDeviationAcknowledgements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReadingId = table.Column<Guid>(type: "uuid", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PhysicianUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    PhysicianName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BpDeviationAcknowledgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BpDeviationAcknowledgements_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DischargeScores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AssessedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssessedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Instrument = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Variant = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    AnswersJson = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ItemPoints = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Total = table.Column<int>(type: "integer", nullable: true),
                    ReadingId = table.Column<Guid>(type: "uuid", nullable: true),
                    DissociationResolved = table.Column<bool>(type: "boolean", nullable: false),
                    SedationResolved = table.Column<bool>(type: "boolean", nullable: false),
                    NoNewPsychoticSymptoms = table.Column<bool>(type: "boolean", nullable: false),
                    ProtocolVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DischargeScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DischargeScores_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EscortHandOffs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    EscortName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Relationship = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NoDrivingInstructionGiven = table.Column<bool>(type: "boolean", nullable: false),
                    HandedOffAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EscortHandOffs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EscortHandOffs_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SessionDepartures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DepartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OverrideReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FailedRules = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ProtocolVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionDepartures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionDepartures_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SmsOutbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeduplicationKey = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    ToPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Body = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: true),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsOutbox", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BpDeviationAcknowledgements_SessionId_ReadingId",
                table: "BpDeviationAcknowledgements",
                columns: new[] { "SessionId", "ReadingId" });

            migrationBuilder.CreateIndex(
                name: "IX_DischargeScores_SessionId_AssessedAt",
                table: "DischargeScores",
                columns: new[] { "SessionId", "AssessedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EscortHandOffs_SessionId_HandedOffAt",
                table: "EscortHandOffs",
                columns: new[] { "SessionId", "HandedOffAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionDepartures_SessionId",
                table: "SessionDepartures",
                column: "SessionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SmsOutbox_CreatedAt",
                table: "SmsOutbox",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SmsOutbox_DeduplicationKey",
                table: "SmsOutbox",
                column: "DeduplicationKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BpDeviationAcknowledgements");

            migrationBuilder.DropTable(
                name: "DischargeScores");

            migrationBuilder.DropTable(
                name: "EscortHandOffs");

            migrationBuilder.DropTable(
                name: "SessionDepartures");

            migrationBuilder.DropTable(
                name: "SmsOutbox");
        }
    }
}
