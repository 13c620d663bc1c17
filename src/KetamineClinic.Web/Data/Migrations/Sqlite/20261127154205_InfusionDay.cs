using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KetamineClinic.Web.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChairId = table.Column<Guid>(type: "TEXT", nullable: true),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    KeyPrefix = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RegisteredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DeactivatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChairId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    OpenChairId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OpenPatientId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CheckedInAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PreChecksStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    InfusionStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PausedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PausedSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    InfusionEndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RecoveryStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReadyForDischargeAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DischargedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AbortedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AbortReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PlannedInfusionMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    ProtocolVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LastReadingAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NextReadingDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NextReadingDueReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    AlarmStateJson = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FromPhase = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    ToPhase = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AlarmId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ActorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReadingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Family = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Actions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    EventTime = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstMetAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Confirmation = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    SuppressedRules = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Interpretation = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    ProtocolVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EscalatesAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ActionTaken = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ConditionClearedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EnteredByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SenderKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TakenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SystolicMmHg = table.Column<int>(type: "INTEGER", nullable: true),
                    DiastolicMmHg = table.Column<int>(type: "INTEGER", nullable: true),
                    HeartRatePerMin = table.Column<int>(type: "INTEGER", nullable: true),
                    Spo2Percent = table.Column<int>(type: "INTEGER", nullable: true),
                    OnOxygen = table.Column<bool>(type: "INTEGER", nullable: true),
                    RespiratoryRatePerMin = table.Column<int>(type: "INTEGER", nullable: true),
                    TemperatureDeciCelsius = table.Column<int>(type: "INTEGER", nullable: true),
                    ApneaSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    Moaas = table.Column<int>(type: "INTEGER", nullable: true),
                    RespondsToVoice = table.Column<bool>(type: "INTEGER", nullable: true),
                    Symptoms = table.Column<int>(type: "INTEGER", nullable: true),
                    Evaluation = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
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
