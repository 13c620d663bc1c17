using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KetamineClinic.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PreinfusionDose : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InfusionDoseOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsCurrent = table.Column<bool>(type: "boolean", nullable: false),
                    DoseMgPerKg = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    DurationMin = table.Column<int>(type: "integer", nullable: false),
                    PreviousDoseMgPerKg = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    VialConcentrationMgPerMl = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    VialVolumeMl = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    Preparation = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    DiluentBagVolumeMl = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    TargetConcentrationMgPerMl = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    Diluent = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    WeightBasis = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DosingWeightKg = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    ActualWeightKg = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    WeightMeasuredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HeightCm = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    BmiKgPerM2 = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    OrderedDoseMg = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    DrawnMicrolitres = table.Column<long>(type: "bigint", nullable: false),
                    RecordedDoseMicrograms = table.Column<long>(type: "bigint", nullable: false),
                    VialsRequired = table.Column<int>(type: "integer", nullable: false),
                    DiluentRemovedMl = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    DiluentAddedMl = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    FinalVolumeMl = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    FinalConcentrationMgPerMlDisplay = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    RateMlPerHour = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    DoseRateMgPerMin = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    DoseRateMgPerKgPerHour = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    FindingsJson = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    UnroundedJson = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ProtocolVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OrderedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OrderedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrderedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InfusionDoseOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InfusionDoseOrders_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InfusionObservations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    InfusionMinute = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: true),
                    Drug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    DoseText = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Position = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    Seriousness = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    InstrumentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    InstrumentVersion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Total = table.Column<int>(type: "integer", nullable: true),
                    AnswersJson = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ProtocolVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InfusionObservations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InfusionObservations_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PatientConsents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConsentType = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    FormVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientConsents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PatientConsents_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PreInfusionChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    WeightMeasurementId = table.Column<Guid>(type: "uuid", nullable: true),
                    FirstReadingId = table.Column<Guid>(type: "uuid", nullable: true),
                    RepeatReadingId = table.Column<Guid>(type: "uuid", nullable: true),
                    EscortName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EscortPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    EscortConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscortConfirmedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PregnancyTestOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PregnancyTestPositive = table.Column<bool>(type: "boolean", nullable: true),
                    NotOfReproductivePotentialReason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    PregnancyRecordedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    InputsChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EvaluatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    FindingsJson = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    WarnRuleIds = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ProtocolVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SignedOffRuleIds = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    SignedOffAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SignedOffByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    SignedOffByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    SignOffNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreInfusionChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PreInfusionChecks_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DoseAdministrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    VialLot = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    VialExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    VialConcentrationMgPerMl = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    PreparedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PreparedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    PreparedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CheckedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StatusReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ProtocolVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DoseAdministrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DoseAdministrations_InfusionDoseOrders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "InfusionDoseOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DoseAdministrations_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DoseDrawnEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AdministrationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VialLot = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    VialExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    VialConcentrationMgPerMl = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    VialVolumeMl = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    VialsOpened = table.Column<int>(type: "integer", nullable: false),
                    DrawnMicrolitres = table.Column<long>(type: "bigint", nullable: false),
                    DrawnMicrograms = table.Column<long>(type: "bigint", nullable: false),
                    WastedMicrolitres = table.Column<long>(type: "bigint", nullable: false),
                    WastedMicrograms = table.Column<long>(type: "bigint", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    WitnessName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ProtocolVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LedgerPostedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DoseDrawnEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DoseDrawnEvents_DoseAdministrations_AdministrationId",
                        column: x => x.AdministrationId,
                        principalTable: "DoseAdministrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DoseAdministrations_OrderId",
                table: "DoseAdministrations",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_DoseAdministrations_PatientId",
                table: "DoseAdministrations",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_DoseAdministrations_SessionId",
                table: "DoseAdministrations",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_DoseDrawnEvents_AdministrationId",
                table: "DoseDrawnEvents",
                column: "AdministrationId");

            migrationBuilder.CreateIndex(
                name: "IX_DoseDrawnEvents_LedgerPostedAt_At",
                table: "DoseDrawnEvents",
                columns: new[] { "LedgerPostedAt", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_InfusionDoseOrders_SessionId_IsCurrent",
                table: "InfusionDoseOrders",
                columns: new[] { "SessionId", "IsCurrent" });

            migrationBuilder.CreateIndex(
                name: "IX_InfusionObservations_SessionId_At",
                table: "InfusionObservations",
                columns: new[] { "SessionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PatientConsents_PatientId_SignedOn",
                table: "PatientConsents",
                columns: new[] { "PatientId", "SignedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PreInfusionChecks_SessionId",
                table: "PreInfusionChecks",
                column: "SessionId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DoseDrawnEvents");

            migrationBuilder.DropTable(
                name: "InfusionObservations");

            migrationBuilder.DropTable(
                name: "PatientConsents");

            migrationBuilder.DropTable(
                name: "PreInfusionChecks");

            migrationBuilder.DropTable(
                name: "DoseAdministrations");

            migrationBuilder.DropTable(
                name: "InfusionDoseOrders");
        }
    }
}
