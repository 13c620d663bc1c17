using System.Linq.Expressions;
using KetamineClinic.Interop.Fhir;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Rest;
using KetamineClinic.Interop.Fhir.Sources;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Fhir.Search;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Features.Patients;

namespace KetamineClinic.Web.Features.Fhir.Resources;

/// <summary>
/// One kind of Observation the server can search and read: the EXTENSION POINT of /fhir/Observation. Register an
/// implementation with <c>services.AddSingleton&lt;IObservationSource, MySource&gt;()</c>; the Observation
/// endpoints merge every registered source in (date, id) order (vital signs and body weight now; survey scores
/// later). A source answers the Observation parameters (patient/subject, encounter, code, category, status,
/// date) for its rows, owns an id scheme no other source uses, and orders by (effective date, id ordinal).
/// </summary>
public interface IObservationSource : IFhirSearchSource;

internal sealed class ObservationResource(IEnumerable<IObservationSource> sources) : IFhirResourceDefinition
{
    public string ResourceType => "Observation";
    public IReadOnlyList<FhirSearchParam> SearchParameters =>
    [
        new("patient", FhirSearchParamType.Reference, "Patient/<id>"),
        new("subject", FhirSearchParamType.Reference, "Patient/<id> (same as patient)"),
        new("encounter", FhirSearchParamType.Reference, "Encounter/<id> (the infusion session)", "Encounter"),
        new("code", FhirSearchParamType.Token, "LOINC, e.g. http://loinc.org|8867-4 (heart rate), 85354-9 (blood pressure panel), 44261-6 (PHQ-9 total)."),
        new("category", FhirSearchParamType.Token, "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs or |survey (instrument scores)"),
        new("status", FhirSearchParamType.Token, "final"),
        new("date", FhirSearchParamType.Date, "effectiveDateTime"),
    ];
    public string? SortParameter => "date";
    public IReadOnlyList<IFhirSearchSource> Sources { get; } = [.. sources];
}

/// <summary>Fixed traits of a vital-sign Observation kind: the token parameters a source answers without the database.</summary>
internal static class VitalTokens
{
    public const string Category = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string Status = "http://hl7.org/fhir/observation-status";

    public static bool Allows(FhirSearch search, IEnumerable<(string? System, string Code)> codes) =>
        search.TokenAllows("category", Category, "vital-signs")
        && search.TokenAllows("status", Status, "final")
        && search.TokenAllowsAny("code", codes);
}

/// <summary>A vital-signs reading of a session, with its patient (readings hang off sessions).</summary>
internal sealed class ReadingRow
{
    public Guid Id { get; init; }
    public Guid SessionId { get; init; }
    public Guid PatientId { get; init; }
    public DateTimeOffset TakenAt { get; init; }
    public int? SystolicMmHg { get; init; }
    public int? DiastolicMmHg { get; init; }
    public int? HeartRatePerMin { get; init; }
    public int? Spo2Percent { get; init; }
    public int? RespiratoryRatePerMin { get; init; }
    public int? TemperatureDeciCelsius { get; init; }
}

/// <summary>
/// One vital sign of the session readings (a reading with BP, HR and SpO₂ is three Observations). Id:
/// <c>&lt;reading id&gt;-&lt;suffix&gt;</c> (bp, hr, spo2, rr, temp), category vital-signs, status final, the kind's
/// R4 vital-signs profile, encounter = the session, partOf = the session's Procedure.
/// </summary>
internal sealed class VitalReadingObservations(VitalSignKind kind) : EntitySearchSource<ReadingRow, Guid>, IObservationSource
{
    public static IEnumerable<VitalReadingObservations> All() =>
        [new(VitalSignKind.BloodPressure), new(VitalSignKind.HeartRate), new(VitalSignKind.OxygenSaturation), new(VitalSignKind.RespiratoryRate), new(VitalSignKind.BodyTemperature)];

    private string Suffix => kind switch
    {
        VitalSignKind.BloodPressure => "-bp",
        VitalSignKind.HeartRate => "-hr",
        VitalSignKind.OxygenSaturation => "-spo2",
        VitalSignKind.RespiratoryRate => "-rr",
        VitalSignKind.BodyTemperature => "-temp",
        VitalSignKind.BodyWeight => throw new InvalidOperationException("Body weight comes from WeightMeasurements."),
    };

    private IEnumerable<(string? System, string Code)> Codes => kind switch
    {
        VitalSignKind.BloodPressure => [(FhirConventions.Systems.Loinc, "85354-9")],
        VitalSignKind.HeartRate => [(FhirConventions.Systems.Loinc, "8867-4")],
        VitalSignKind.OxygenSaturation => [(FhirConventions.Systems.Loinc, "2708-6"), (FhirConventions.Systems.Loinc, "59408-5")],
        VitalSignKind.RespiratoryRate => [(FhirConventions.Systems.Loinc, "9279-1")],
        VitalSignKind.BodyTemperature => [(FhirConventions.Systems.Loinc, "8310-5")],
        VitalSignKind.BodyWeight => [(FhirConventions.Systems.Loinc, "29463-7")],
    };

    private Expression<Func<ReadingRow, bool>> Present => kind switch
    {
        VitalSignKind.BloodPressure => r => r.SystolicMmHg != null && r.DiastolicMmHg != null,
        VitalSignKind.HeartRate => r => r.HeartRatePerMin != null,
        VitalSignKind.OxygenSaturation => r => r.Spo2Percent != null,
        VitalSignKind.RespiratoryRate => r => r.RespiratoryRatePerMin != null,
        VitalSignKind.BodyTemperature => r => r.TemperatureDeciCelsius != null,
        VitalSignKind.BodyWeight => r => false,
    };

    protected override IQueryable<ReadingRow> Rows(ClinicDbContext db) =>
        (from r in db.Set<VitalReading>()
         join s in db.Set<InfusionSession>() on r.SessionId equals s.Id
         select new ReadingRow
         {
             Id = r.Id,
             SessionId = r.SessionId,
             PatientId = s.PatientId,
             TakenAt = r.TakenAt,
             SystolicMmHg = r.SystolicMmHg,
             DiastolicMmHg = r.DiastolicMmHg,
             HeartRatePerMin = r.HeartRatePerMin,
             Spo2Percent = r.Spo2Percent,
             RespiratoryRatePerMin = r.RespiratoryRatePerMin,
             TemperatureDeciCelsius = r.TemperatureDeciCelsius,
         }).Where(Present);

    protected override Expression<Func<ReadingRow, Guid>> Key => r => r.Id;
    protected override Expression<Func<ReadingRow, DateTimeOffset?>> SortAt => r => r.TakenAt;

    protected override bool TryParseId(string id, out Guid key)
    {
        key = Guid.Empty;
        return id.EndsWith(Suffix, StringComparison.Ordinal) && FhirIds.TryParseGuid(id[..^Suffix.Length], out key);
    }

    protected override IQueryable<ReadingRow>? Filter(IQueryable<ReadingRow> rows, FhirSearch search)
    {
        if (!VitalTokens.Allows(search, Codes))
        {
            return null;
        }
        rows = search.WhereReference(rows, r => r.PatientId, "patient", "subject");
        rows = search.WhereReference(rows, r => r.SessionId, "encounter");
        return search.WhereDate(rows, "date", r => r.TakenAt);
    }

    protected override Task<IReadOnlyList<FhirSearchHit>> ToHitsAsync(FhirQueryContext q, IReadOnlyList<ReadingRow> rows) =>
        Task.FromResult<IReadOnlyList<FhirSearchHit>>([.. rows.Select(r =>
        {
            var id = FhirIds.From(r.Id) + Suffix;
            var resource = FhirResourceOut.Of(FhirMapper.ToObservation(new VitalSignSource
            {
                Id = id,
                PatientId = FhirIds.From(r.PatientId),
                Measurement = Measurement(r),
                EffectiveAt = r.TakenAt,
                EncounterId = FhirIds.From(r.SessionId),
                ProcedureId = FhirIds.From(r.SessionId),
            }));
            return new FhirSearchHit(r.TakenAt, id, resource, r.PatientId);
        })]);

    private VitalMeasurement Measurement(ReadingRow r) => kind switch
    {
        VitalSignKind.BloodPressure => new VitalMeasurement.BloodPressure(r.SystolicMmHg!.Value, r.DiastolicMmHg!.Value),
        VitalSignKind.HeartRate => new VitalMeasurement.HeartRate(r.HeartRatePerMin!.Value),
        VitalSignKind.OxygenSaturation => new VitalMeasurement.OxygenSaturation(r.Spo2Percent!.Value),
        VitalSignKind.RespiratoryRate => new VitalMeasurement.RespiratoryRate(r.RespiratoryRatePerMin!.Value),
        VitalSignKind.BodyTemperature => new VitalMeasurement.BodyTemperature(r.TemperatureDeciCelsius!.Value / 10m),
        VitalSignKind.BodyWeight => throw new InvalidOperationException("Body weight comes from WeightMeasurements."),
    };
}

/// <summary>Body weight (WeightMeasurements of the chart): id = the measurement's id, profile bodyweight.</summary>
internal sealed class BodyWeightObservations : EntitySearchSource<WeightMeasurement, Guid>, IObservationSource
{
    protected override IQueryable<WeightMeasurement> Rows(ClinicDbContext db) => db.WeightMeasurements;
    protected override Expression<Func<WeightMeasurement, Guid>> Key => w => w.Id;
    protected override Expression<Func<WeightMeasurement, DateTimeOffset?>> SortAt => w => w.MeasuredAt;
    protected override bool TryParseId(string id, out Guid key) => FhirIds.TryParseGuid(id, out key);

    protected override IQueryable<WeightMeasurement>? Filter(IQueryable<WeightMeasurement> rows, FhirSearch search)
    {
        // Weights belong to the chart, not to a session: an encounter filter rules them out.
        if (!VitalTokens.Allows(search, [(FhirConventions.Systems.Loinc, "29463-7")]) || search.Has("encounter"))
        {
            return null;
        }
        rows = search.WhereReference(rows, w => w.PatientId, "patient", "subject");
        return search.WhereDate(rows, "date", w => w.MeasuredAt);
    }

    protected override Task<IReadOnlyList<FhirSearchHit>> ToHitsAsync(FhirQueryContext q, IReadOnlyList<WeightMeasurement> rows) =>
        Task.FromResult<IReadOnlyList<FhirSearchHit>>([.. rows.Select(w => new FhirSearchHit(w.MeasuredAt, FhirIds.From(w.Id), FhirResourceOut.Of(FhirMapper.ToObservation(new VitalSignSource
        {
            Id = FhirIds.From(w.Id),
            PatientId = FhirIds.From(w.PatientId),
            Measurement = new VitalMeasurement.BodyWeight(w.WeightKg),
            EffectiveAt = w.MeasuredAt,
        })), w.PatientId))]);
}
