using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KetamineClinic.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Questionnaires : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RuleId",
                table: "PatientFlags",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuicideRiskLevel",
                table: "PatientFlags",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InstrumentResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ScoreObservationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstrumentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InstrumentVersion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SubmittedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    InfusionSessionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: true),
                    BandCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    BandDisplay = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    CssrsRisk = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    SuicideRiskLevel = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    SuicideRiskRules = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ProtocolVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ExternalIdSystem = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ExternalIdValue = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstrumentResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InstrumentResponses_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InstrumentAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Value = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstrumentAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InstrumentAnswers_InstrumentResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "InstrumentResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SuicideRiskAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Rules = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RequiredActions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuicideRiskAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuicideRiskAlerts_InstrumentResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "InstrumentResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SuicideRiskAlerts_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InstrumentAnswers_ResponseId_LinkId",
                table: "InstrumentAnswers",
                columns: new[] { "ResponseId", "LinkId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InstrumentResponses_AnsweredAt",
                table: "InstrumentResponses",
                column: "AnsweredAt");

            migrationBuilder.CreateIndex(
                name: "IX_InstrumentResponses_ExternalIdSystem_ExternalIdValue",
                table: "InstrumentResponses",
                columns: new[] { "ExternalIdSystem", "ExternalIdValue" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InstrumentResponses_PatientId_InstrumentId_AnsweredAt",
                table: "InstrumentResponses",
                columns: new[] { "PatientId", "InstrumentId", "AnsweredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InstrumentResponses_ScoreObservationId",
                table: "InstrumentResponses",
                column: "ScoreObservationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SuicideRiskAlerts_PatientId_AcknowledgedAt",
                table: "SuicideRiskAlerts",
                columns: new[] { "PatientId", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SuicideRiskAlerts_RaisedAt",
                table: "SuicideRiskAlerts",
                column: "RaisedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SuicideRiskAlerts_ResponseId",
                table: "SuicideRiskAlerts",
                column: "ResponseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InstrumentAnswers");

            migrationBuilder.DropTable(
                name: "SuicideRiskAlerts");

            migrationBuilder.DropTable(
                name: "InstrumentResponses");

            migrationBuilder.DropColumn(
                name: "RuleId",
                table: "PatientFlags");

            migrationBuilder.DropColumn(
                name: "SuicideRiskLevel",
                table: "PatientFlags");
        }
    }
}
