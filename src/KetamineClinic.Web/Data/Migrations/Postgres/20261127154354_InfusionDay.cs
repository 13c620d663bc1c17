using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KetamineClinic.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InfusionDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Devices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Label = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChairId = table.Column<Guid>(type: "uuid", nullable: true),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    KeyPrefix = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RegisteredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DeactivatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Devices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Devices_Chairs_ChairId",
                        column: x => x.ChairId,
                        principalTable: "Chairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Devices_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InfusionSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChairId = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Phase = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    OpenChairId = table.Column<Guid>(type: "uuid", nullable: true),
                    OpenPatientId = table.Column<Guid>(type: "uuid", nullable: true),
                    CheckedInAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PreChecksStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    InfusionStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PausedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PausedSeconds = table.Column<int>(type: "integer", nullable: false),
                    InfusionEndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RecoveryStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReadyForDischargeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DischargedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AbortedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AbortReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PlannedInfusionMinutes = table.Column<int>(type: "integer", nullable: false),
                    ProtocolVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastReadingAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextReadingDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextReadingDueReason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    AlarmStateJson = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InfusionSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InfusionSessions_Chairs_ChairId",
                        column: x => x.ChairId,
                        principalTable: "Chairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InfusionSessions_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InfusionSessions_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SessionEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FromPhase = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    ToPhase = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AlarmId = table.Column<Guid>(type: "uuid", nullable: true),
                    RuleId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ActorUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionEvents_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VitalAlarms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReadingId = table.Column<Guid>(type: "uuid", nullable: true),
                    RuleId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Family = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Actions = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Message = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    EventTime = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstMetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Confirmation = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    SuppressedRules = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Interpretation = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    ProtocolVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EscalatesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ActionTaken = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ConditionClearedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VitalAlarms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VitalAlarms_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VitalReadings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeviceId = table.Column<Guid>(type: "uuid", nullable: true),
                    EnteredByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SenderKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TakenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SystolicMmHg = table.Column<int>(type: "integer", nullable: true),
                    DiastolicMmHg = table.Column<int>(type: "integer", nullable: true),
                    HeartRatePerMin = table.Column<int>(type: "integer", nullable: true),
                    Spo2Percent = table.Column<int>(type: "integer", nullable: true),
                    OnOxygen = table.Column<bool>(type: "boolean", nullable: true),
                    RespiratoryRatePerMin = table.Column<int>(type: "integer", nullable: true),
                    TemperatureDeciCelsius = table.Column<int>(type: "integer", nullable: true),
                    ApneaSeconds = table.Column<int>(type: "integer", nullable: true),
                    Moaas = table.Column<int>(type: "integer", nullable: true),
                    RespondsToVoice = table.Column<bool>(type: "boolean", nullable: true),
                    Symptoms = table.Column<int>(type: "integer", nullable: true),
                    Evaluation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VitalReadings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VitalReadings_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Devices_ChairId",
                table: "Devices",
                column: "ChairId");

            migrationBuilder.CreateIndex(
                name: "IX_Devices_KeyHash",
                table: "Devices",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Devices_SiteId_Label",
                table: "Devices",
                columns: new[] { "SiteId", "Label" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InfusionSessions_ChairId",
                table: "InfusionSessions",
                column: "ChairId");

            migrationBuilder.CreateIndex(
                name: "IX_InfusionSessions_OpenChairId",
                table: "InfusionSessions",
                column: "OpenChairId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InfusionSessions_OpenPatientId",
                table: "InfusionSessions",
                column: "OpenPatientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InfusionSessions_PatientId_CheckedInAt",
                table: "InfusionSessions",
                columns: new[] { "PatientId", "CheckedInAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InfusionSessions_SiteId_SessionDate",
                table: "InfusionSessions",
                columns: new[] { "SiteId", "SessionDate" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionEvents_SessionId_At",
                table: "SessionEvents",
                columns: new[] { "SessionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_VitalAlarms_SessionId_State",
                table: "VitalAlarms",
                columns: new[] { "SessionId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_VitalAlarms_SiteId_State",
                table: "VitalAlarms",
                columns: new[] { "SiteId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_VitalAlarms_State_EscalatesAt",
                table: "VitalAlarms",
                columns: new[] { "State", "EscalatesAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VitalReadings_SenderKey_IdempotencyKey",
                table: "VitalReadings",
                columns: new[] { "SenderKey", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VitalReadings_SessionId_TakenAt",
                table: "VitalReadings",
                columns: new[] { "SessionId", "TakenAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Devices");

            migrationBuilder.DropTable(
                name: "SessionEvents");

            migrationBuilder.DropTable(
                name: "VitalAlarms");

            migrationBuilder.DropTable(
                name: "VitalReadings");

            migrationBuilder.DropTable(
                name: "InfusionSessions");
        }
    }
}
