using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KetamineClinic.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InfusionDayRecoveryQuestionnairesExport : Migration
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

            migrationBuilder.AddColumn<string>(
                name: "Hl7Application",
                table: "Devices",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hl7Facility",
                table: "Devices",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

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
                name: "BulkExportJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ClientId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ClientAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RequestUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    Types = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TransactionTime = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResourcesWritten = table.Column<long>(type: "bigint", nullable: false),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkExportJobs", x => x.Id);
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

            migrationBuilder.CreateTable(
                name: "BulkExportFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResourceType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Part = table.Column<int>(type: "integer", nullable: false),
                    ResourceCount = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkExportFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulkExportFiles_BulkExportJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "BulkExportJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "IX_Devices_Hl7Application_Hl7Facility",
                table: "Devices",
                columns: new[] { "Hl7Application", "Hl7Facility" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BpDeviationAcknowledgements_SessionId_ReadingId",
                table: "BpDeviationAcknowledgements",
                columns: new[] { "SessionId", "ReadingId" });

            migrationBuilder.CreateIndex(
                name: "IX_BulkExportFiles_JobId_ResourceType_Part",
                table: "BulkExportFiles",
                columns: new[] { "JobId", "ResourceType", "Part" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulkExportJobs_ClientId_Status",
                table: "BulkExportJobs",
                columns: new[] { "ClientId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_BulkExportJobs_Status_RequestedAt",
                table: "BulkExportJobs",
                columns: new[] { "Status", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DischargeScores_SessionId_AssessedAt",
                table: "DischargeScores",
                columns: new[] { "SessionId", "AssessedAt" });

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
                name: "IX_EscortHandOffs_SessionId_HandedOffAt",
                table: "EscortHandOffs",
                columns: new[] { "SessionId", "HandedOffAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InfusionDoseOrders_SessionId_IsCurrent",
                table: "InfusionDoseOrders",
                columns: new[] { "SessionId", "IsCurrent" });

            migrationBuilder.CreateIndex(
                name: "IX_InfusionObservations_SessionId_At",
                table: "InfusionObservations",
                columns: new[] { "SessionId", "At" });

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
                name: "IX_PatientConsents_PatientId_SignedOn",
                table: "PatientConsents",
                columns: new[] { "PatientId", "SignedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PreInfusionChecks_SessionId",
                table: "PreInfusionChecks",
                column: "SessionId",
                unique: true);

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
                name: "BpDeviationAcknowledgements");

            migrationBuilder.DropTable(
                name: "BulkExportFiles");

            migrationBuilder.DropTable(
                name: "DischargeScores");

            migrationBuilder.DropTable(
                name: "DoseDrawnEvents");

            migrationBuilder.DropTable(
                name: "EscortHandOffs");

            migrationBuilder.DropTable(
                name: "InfusionObservations");

            migrationBuilder.DropTable(
                name: "InstrumentAnswers");

            migrationBuilder.DropTable(
                name: "PatientConsents");

            migrationBuilder.DropTable(
                name: "PreInfusionChecks");

            migrationBuilder.DropTable(
                name: "SessionDepartures");

            migrationBuilder.DropTable(
                name: "SmsOutbox");

            migrationBuilder.DropTable(
                name: "SuicideRiskAlerts");

            migrationBuilder.DropTable(
                name: "BulkExportJobs");

            migrationBuilder.DropTable(
                name: "DoseAdministrations");

            migrationBuilder.DropTable(
                name: "InstrumentResponses");

            migrationBuilder.DropTable(
                name: "InfusionDoseOrders");

            migrationBuilder.DropIndex(
                name: "IX_Devices_Hl7Application_Hl7Facility",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "RuleId",
                table: "PatientFlags");

            migrationBuilder.DropColumn(
                name: "SuicideRiskLevel",
                table: "PatientFlags");

            migrationBuilder.DropColumn(
                name: "Hl7Application",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "Hl7Facility",
                table: "Devices");
        }
    }
}
