using System.Linq.Expressions;
using KetamineClinic.Interop.Fhir;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Rest;
using KetamineClinic.Interop.Fhir.Sources;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Fhir.Search;
using Microsoft.EntityFrameworkCore;
using ClinicPatient = KetamineClinic.Web.Features.Patients.Patient;
using PatientFlag = KetamineClinic.Web.Features.Patients.PatientFlag;

namespace KetamineClinic.Web.Features.Fhir.Resources;

internal sealed class PatientResource : EntitySearchSource<ClinicPatient, Guid>, IFhirResourceDefinition
{
    public string ResourceType => "Patient";
    public IReadOnlyList<FhirSearchParam> SearchParameters =>
        [new("identifier", FhirSearchParamType.Token, $"Medical record number: {FhirConventions.IdentifierSystems.Mrn}|<MRN>.")];
    public IReadOnlyList<IFhirSearchSource> Sources => [this];

    protected override IQueryable<ClinicPatient> Rows(ClinicDbContext db) => db.Patients;
    protected override Expression<Func<ClinicPatient, Guid>> Key => p => p.Id;
    protected override bool TryParseId(string id, out Guid key) => FhirIds.TryParseGuid(id, out key);

    protected override IQueryable<ClinicPatient>? Filter(IQueryable<ClinicPatient> rows, FhirSearch search)
    {
        foreach (var anyOf in search.Tokens("identifier"))
        {
            var mrns = anyOf.Where(t => t.Code is not null && (t.System is null || t.System == FhirConventions.IdentifierSystems.Mrn)).Select(t => t.Code!).ToList();
            rows = rows.Where(p => mrns.Contains(p.Mrn));
        }
        return rows;
    }

    protected override async Task<IReadOnlyList<FhirSearchHit>> ToHitsAsync(FhirQueryContext q, IReadOnlyList<ClinicPatient> rows)
    {
        var siteIds = rows.Select(r => r.PrimarySiteId).Distinct().ToList();
        var organizations = await q.Db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.OrganizationId, q.Ct);
        return [.. rows.Select(p => new FhirSearchHit(null, FhirIds.From(p.Id), FhirResourceOut.Of(FhirMapper.ToPatient(new PatientSource
        {
            Id = FhirIds.From(p.Id),
            Mrn = p.Mrn,
            GivenName = p.GivenName,
            FamilyName = p.FamilyName,
            BornOn = p.BornOn,
            Sex = p.SexAtBirth switch
            {
                Patients.SexAtBirth.Female => AdministrativeSex.Female,
                Patients.SexAtBirth.Male => AdministrativeSex.Male,
                Patients.SexAtBirth.Intersex => AdministrativeSex.Other,
                Patients.SexAtBirth.Unknown => AdministrativeSex.Unknown,
            },
            Phone = Blank(p.Phone),
            Email = Blank(p.Email),
            ManagingOrganizationId = organizations.TryGetValue(p.PrimarySiteId, out var org) ? FhirIds.From(org) : null,
            Escort = Blank(p.EscortName) is { } escort ? new EscortContact { Name = escort, Phone = Blank(p.EscortPhone) } : null,
            Active = p.Stage != Patients.JourneyStage.Discharged,
        })), p.Id))];
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

/// <summary>Chart flags (suicide risk, fall risk...). Date = the period raised → cleared.</summary>
internal sealed class FlagResource : EntitySearchSource<PatientFlag, Guid>, IFhirResourceDefinition
{
    public string ResourceType => "Flag";
    public IReadOnlyList<FhirSearchParam> SearchParameters =>
    [
        new("patient", FhirSearchParamType.Reference, "Patient/<id>"),
        new("subject", FhirSearchParamType.Reference, "Patient/<id> (same as patient)"),
        new("date", FhirSearchParamType.Date, "The period the flag is raised (raised → cleared; open while active)."),
        new("status", FhirSearchParamType.Token, "active | inactive (not an R4 Flag parameter; offered for convenience)."),
    ];
    public string? SortParameter => "date";
    public IReadOnlyList<IFhirSearchSource> Sources => [this];

    protected override IQueryable<PatientFlag> Rows(ClinicDbContext db) => db.PatientFlags;
    protected override Expression<Func<PatientFlag, Guid>> Key => f => f.Id;
    protected override Expression<Func<PatientFlag, DateTimeOffset?>> SortAt => f => f.RaisedAt;
    protected override bool TryParseId(string id, out Guid key) => FhirIds.TryParseGuid(id, out key);

    protected override IQueryable<PatientFlag>? Filter(IQueryable<PatientFlag> rows, FhirSearch search)
    {
        rows = search.WhereReference(rows, f => f.PatientId, "patient", "subject");
        rows = search.WhereDate(rows, "date", f => f.RaisedAt, f => f.ClearedAt);
        foreach (var anyOf in search.Tokens("status"))
        {
            var active = anyOf.Any(t => t.Matches("http://hl7.org/fhir/flag-status", "active"));
            var inactive = anyOf.Any(t => t.Matches("http://hl7.org/fhir/flag-status", "inactive"));
            rows = (active, inactive) switch
            {
                (true, true) => rows,
                (true, false) => rows.Where(f => f.ClearedAt == null),
                (false, true) => rows.Where(f => f.ClearedAt != null),
                (false, false) => rows.Where(f => false),
            };
        }
        return rows;
    }

    protected override Task<IReadOnlyList<FhirSearchHit>> ToHitsAsync(FhirQueryContext q, IReadOnlyList<PatientFlag> rows) =>
        Task.FromResult<IReadOnlyList<FhirSearchHit>>([.. rows.Select(f => new FhirSearchHit(f.RaisedAt, FhirIds.From(f.Id), FhirResourceOut.Of(FhirMapper.ToFlag(new FlagSource
        {
            Id = FhirIds.From(f.Id),
            PatientId = FhirIds.From(f.PatientId),
            Kind = f.Kind switch
            {
                Patients.FlagKind.SuicideRisk => FlagKind.SuicideRisk,
                Patients.FlagKind.FallRisk => FlagKind.FallRisk,
                Patients.FlagKind.Allergy => FlagKind.Allergy,
                Patients.FlagKind.ControlledSubstanceConcern => FlagKind.ControlledSubstanceConcern,
                Patients.FlagKind.Other => FlagKind.Other,
            },
            Text = f.Text,
            RaisedAt = f.RaisedAt,
            ClearedAt = f.ClearedAt,
            Priority = f.Priority switch
            {
                Patients.FlagPriority.High => FlagPriorityLevel.High,
                Patients.FlagPriority.Normal => FlagPriorityLevel.Medium,
            },
        })), f.PatientId))]);
}
