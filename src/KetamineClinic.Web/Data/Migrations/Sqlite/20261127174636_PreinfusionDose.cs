using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KetamineClinic.Web.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IsCurrent = table.Column<bool>(type: "INTEGER", nullable: false),
                    DoseMgPerKg = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    DurationMin = table.Column<int>(type: "INTEGER", nullable: false),
                    PreviousDoseMgPerKg = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: true),
                    VialConcentrationMgPerMl = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    VialVolumeMl = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    Preparation = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    DiluentBagVolumeMl = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: true),
                    TargetConcentrationMgPerMl = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: true),
                    Diluent = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    WeightBasis = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DosingWeightKg = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    ActualWeightKg = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    WeightMeasuredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    HeightCm = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: true),
                    BmiKgPerM2 = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: true),
                    OrderedDoseMg = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    DrawnMicrolitres = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedDoseMicrograms = table.Column<long>(type: "INTEGER", nullable: false),
                    VialsRequired = table.Column<int>(type: "INTEGER", nullable: false),
                    DiluentRemovedMl = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    DiluentAddedMl = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    FinalVolumeMl = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    FinalConcentrationMgPerMlDisplay = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    RateMlPerHour = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    DoseRateMgPerMin = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    DoseRateMgPerKgPerHour = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    FindingsJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    UnroundedJson = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ProtocolVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrderedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OrderedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrderedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    InfusionMinute = table.Column<decimal>(type: "TEXT", precision: 8, scale: 2, nullable: true),
                    Drug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    DoseText = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Position = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Seriousness = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    InstrumentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    InstrumentVersion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Total = table.Column<int>(type: "INTEGER", nullable: true),
                    AnswersJson = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProtocolVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConsentType = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    FormVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WeightMeasurementId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FirstReadingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RepeatReadingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EscortName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EscortPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    EscortConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EscortConfirmedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PregnancyTestOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PregnancyTestPositive = table.Column<bool>(type: "INTEGER", nullable: true),
                    NotOfReproductivePotentialReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    PregnancyRecordedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    InputsChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EvaluatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    FindingsJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    WarnRuleIds = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ProtocolVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SignedOffRuleIds = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SignedOffAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SignedOffByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SignedOffByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SignOffNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VialLot = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    VialExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    VialConcentrationMgPerMl = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    PreparedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PreparedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PreparedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CheckedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ProtocolVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AdministrationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    VialLot = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    VialExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    VialConcentrationMgPerMl = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    VialVolumeMl = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    VialsOpened = table.Column<int>(type: "INTEGER", nullable: false),
                    DrawnMicrolitres = table.Column<long>(type: "INTEGER", nullable: false),
                    DrawnMicrograms = table.Column<long>(type: "INTEGER", nullable: false),
                    WastedMicrolitres = table.Column<long>(type: "INTEGER", nullable: false),
                    WastedMicrograms = table.Column<long>(type: "INTEGER", nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    WitnessName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ProtocolVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LedgerPostedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
