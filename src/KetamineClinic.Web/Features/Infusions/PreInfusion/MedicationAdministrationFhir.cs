using System.Globalization;
using KetamineClinic.Interop.Fhir.Bundles;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Serialization;
using KetamineClinic.Interop.Fhir.Sources;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Fhir;
using KetamineClinic.Web.Features.Fhir.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Features.Infusions.PreInfusion;

/// <summary>Reads dose administrations as FHIR MedicationAdministration (Interop's <see cref="FhirMapper"/>).</summary>
public sealed class MedicationAdministrationQuery(IDbContextFactory<ClinicDbContext> contexts)
{
    public const int DefaultCount = 20;
    public const int MaxCount = 100;

    public async Task<(Hl7.Fhir.Model.MedicationAdministration Resource, Guid PatientId, DateTimeOffset LastUpdated)?> ReadAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var admin = await db.Set<DoseAdministration>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (admin is null)
        {
            return null;
        }

        var order = await db.Set<InfusionDoseOrder>().AsNoTracking().FirstAsync(o => o.Id == admin.OrderId, ct);
        return (ToFhir(admin, order), admin.PatientId, admin.EndedAt ?? admin.StartedAt ?? admin.PreparedAt);
    }

    /// <summary>Newest first; at most <paramref name="count"/>; the total counts every match.</summary>
    public async Task<(IReadOnlyList<Hl7.Fhir.Model.MedicationAdministration> Page, int Total)> SearchByPatientAsync(Guid patientId, int count, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Set<DoseAdministration>().AsNoTracking().Where(a => a.PatientId == patientId);
        var total = await query.CountAsync(ct);
        // Version-7 ids grow with time: newest first.
        var admins = await query.OrderByDescending(a => a.Id).Take(count).ToListAsync(ct);
        var orderIds = admins.Select(a => a.OrderId).ToList();
        var orders = await db.Set<InfusionDoseOrder>().AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        return ([.. admins.Select(a => ToFhir(a, orders[a.OrderId]))], total);
    }

    /// <summary>The mapping: recorded dose (drawn volume × strength, PUMP-02), rate, mg/kg, weight basis and weight, lot, protocol version.</summary>
    internal static Hl7.Fhir.Model.MedicationAdministration ToFhir(DoseAdministration a, InfusionDoseOrder o) =>
        FhirMapper.ToMedicationAdministration(new MedicationAdministrationSource
        {
            Id = a.Id.ToString(),
            PatientId = a.PatientId.ToString(),
            EncounterId = a.SessionId.ToString(),
            Status = a.Status switch
            {
                AdministrationStatus.Prepared => InfusionState.Preparation,
                AdministrationStatus.InProgress => InfusionState.InProgress,
                AdministrationStatus.OnHold => InfusionState.OnHold,
                AdministrationStatus.Completed => InfusionState.Completed,
                AdministrationStatus.Stopped => InfusionState.Stopped,
            },
            StartedAt = a.StartedAt ?? a.PreparedAt,
            EndedAt = a.EndedAt,
            PerformerPractitionerIds = a.PreparedByUserId is { } u ? [u.ToString()] : [],
            DoseMg = o.RecordedDoseMicrograms / 1000m,
            RateMlPerHour = o.RateMlPerHour,
            DoseMgPerKg = o.DoseMgPerKg,
            WeightBasis = Enum.Parse<Domain.Infusions.WeightBasis>(o.WeightBasis) switch
            {
                Domain.Infusions.WeightBasis.Actual => DoseWeightBasis.Actual,
                Domain.Infusions.WeightBasis.Ideal => DoseWeightBasis.Ideal,
                Domain.Infusions.WeightBasis.Adjusted => DoseWeightBasis.Adjusted,
            },
            WeightKg = o.DosingWeightKg,
            LotNumber = a.VialLot,
            ProtocolVersion = a.ProtocolVersion,
        });
}

/// <summary>/fhir/MedicationAdministration/{id} (read) and ?patient=&amp;_count= (search), through the FHIR door.</summary>
internal sealed class MedicationAdministrationFhirEndpoints : IFhirEndpoints
{
    private const string Type = "MedicationAdministration";

    public void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/MedicationAdministration/{id}", ReadAsync).FhirInteraction(Type, FhirInteraction.Read);
        fhir.MapGet("/MedicationAdministration", SearchAsync).FhirInteraction(Type, FhirInteraction.SearchType,
            new FhirSearchParam("patient", FhirSearchParamType.Reference, "The patient (Patient/{id} or {id}); required."),
            new FhirSearchParam("_count", FhirSearchParamType.Number, "Page size, 1–100 (default 20); newest first."));
    }

    private static async Task<IResult> ReadAsync(string id, MedicationAdministrationQuery query, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid) || await query.ReadAsync(guid, ct) is not { } found)
        {
            return FhirResults.NotFound($"MedicationAdministration/{id} is not known.");
        }

        return FhirResults.Resource(FhirJson.Serialize(found.Resource), id, found.PatientId, lastUpdated: found.LastUpdated);
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, MedicationAdministrationQuery query, IOptions<FhirSecurityOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var patient = request.Query["patient"].ToString();
        if (patient.StartsWith("Patient/", StringComparison.Ordinal))
        {
            patient = patient["Patient/".Length..];
        }

        if (!Guid.TryParse(patient, out var patientId))
        {
            return FhirResults.Outcome(StatusCodes.Status400BadRequest, FhirIssueType.Invalid, "Search MedicationAdministration by patient: ?patient=Patient/{id}.");
        }

        var count = MedicationAdministrationQuery.DefaultCount;
        if (request.Query.TryGetValue("_count", out var c) && (!int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MedicationAdministrationQuery.MaxCount))
        {
            return FhirResults.Outcome(StatusCodes.Status400BadRequest, FhirIssueType.Invalid, $"_count must be 1–{MedicationAdministrationQuery.MaxCount}.");
        }

        var (page, total) = await query.SearchByPatientAsync(patientId, count, ct);
        var baseUrl = new Uri(FhirDoor.AppBase(request, options.Value), FhirDoor.Prefix.TrimStart('/')).ToString();
        var self = string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/{Type}?patient=Patient/{patientId}&_count={count}");
        var bundle = SearchBundles.Build(new SearchPage
        {
            BaseUrl = baseUrl,
            Matches = page,
            Total = total,
            Links = new SearchLinks { Self = self },
            Timestamp = clock.GetUtcNow(),
        });
        return FhirResults.SearchSet(FhirJson.Serialize(bundle), page.Count == 0 ? [] : [patientId], total);
    }
}
