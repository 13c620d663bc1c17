using System.Globalization;
using System.Text.Json.Serialization;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Today;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>The latest weight; <see cref="IsStale"/> when older than <see cref="PatientHeaderQuery.WeightStaleAfter"/>.</summary>
/// <param name="WeightKg">Body weight in kilograms.</param>
/// <param name="MeasuredAt">When it was measured (UTC instant).</param>
/// <param name="MeasuredOn">The date of the weighing at the patient's home site.</param>
/// <param name="AgeDays">Whole days since the weighing.</param>
/// <param name="IsStale">Older than 30 days: weight-based doses need a new weighing.</param>
public sealed record LatestWeight(decimal WeightKg, DateTimeOffset MeasuredAt, DateOnly MeasuredOn, int AgeDays, bool IsStale);

public sealed record AllergySummary(string Substance, string? Reaction, bool IsSevere);

public sealed record FlagSummary(
    [property: JsonConverter(typeof(JsonStringEnumConverter<FlagKind>))] FlagKind Kind,
    [property: JsonConverter(typeof(JsonStringEnumConverter<FlagPriority>))] FlagPriority Priority,
    string Text,
    DateTimeOffset RaisedAt);

/// <summary>What every chart page shows at the top: who this is, how heavy, what they react to, what to watch.</summary>
public sealed record PatientHeader(
    Guid Id,
    string Mrn,
    string FamilyName,
    string GivenName,
    DateOnly BornOn,
    int AgeYears,
    [property: JsonConverter(typeof(JsonStringEnumConverter<SexAtBirth>))] SexAtBirth SexAtBirth,
    [property: JsonConverter(typeof(JsonStringEnumConverter<JourneyStage>))] JourneyStage Stage,
    string PrimarySiteName,
    decimal? HeightCm,
    LatestWeight? LatestWeight,
    IReadOnlyList<AllergySummary> Allergies,
    IReadOnlyList<FlagSummary> ActiveFlags)
{
    public string DisplayName => $"{FamilyName}, {GivenName}";
}

/// <summary>Reads a patient's chart header; every read is audited (who, which patient, when).</summary>
internal sealed class PatientHeaderQuery(IDbContextFactory<ClinicDbContext> contexts, IAuditTrail audit, TimeProvider clock)
{
    /// <summary>A weight older than this is marked stale: weight-based doses need a current weight.</summary>
    public static readonly TimeSpan WeightStaleAfter = TimeSpan.FromDays(30);

    public async Task<PatientHeader?> GetAsync(Guid patientId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patient = await (from p in db.Patients.AsNoTracking()
                             where p.Id == patientId
                             join s in db.Sites on p.PrimarySiteId equals s.Id
                             select new
                             {
                                 p.Id,
                                 p.Mrn,
                                 p.FamilyName,
                                 p.GivenName,
                                 p.BornOn,
                                 p.SexAtBirth,
                                 p.Stage,
                                 p.HeightCm,
                                 SiteName = s.Name,
                                 SiteTimeZone = s.TimeZone,
                             }).FirstOrDefaultAsync(ct);
        var id = patientId.ToString("D", CultureInfo.InvariantCulture);
        if (patient is null)
        {
            await audit.RecordAsync(new AuditEntry(AuditActions.Read, "Patient", id, null, AuditOutcome.Failed, "chart header; not found"), ct);
            return null;
        }

        var weight = await db.WeightMeasurements.AsNoTracking()
            .Where(w => w.PatientId == patientId)
            .OrderByDescending(w => w.MeasuredAt)
            .Select(w => new { w.WeightKg, w.MeasuredAt })
            .FirstOrDefaultAsync(ct);
        var allergies = await db.Allergies.AsNoTracking()
            .Where(a => a.PatientId == patientId)
            .Select(a => new AllergySummary(a.Substance, a.Reaction, a.IsSevere))
            .ToListAsync(ct);
        var flags = await db.PatientFlags.AsNoTracking()
            .Where(f => f.PatientId == patientId && f.ClearedAt == null)
            .Select(f => new FlagSummary(f.Kind, f.Priority, f.Text, f.RaisedAt))
            .ToListAsync(ct);

        var now = clock.GetUtcNow();
        var header = new PatientHeader(
            patient.Id,
            patient.Mrn,
            patient.FamilyName,
            patient.GivenName,
            patient.BornOn,
            PatientAge.YearsOn(patient.BornOn, SiteClock.LocalDate(now, patient.SiteTimeZone)),
            patient.SexAtBirth,
            patient.Stage,
            patient.SiteName,
            patient.HeightCm,
            weight is null ? null : WeightAsOf(weight.WeightKg, weight.MeasuredAt, now, patient.SiteTimeZone),
            [.. allergies.OrderByDescending(a => a.IsSevere).ThenBy(a => a.Substance, StringComparer.OrdinalIgnoreCase)],
            // High priority first, then the newest.
            [.. flags.OrderByDescending(f => f.Priority).ThenByDescending(f => f.RaisedAt)]);

        await audit.RecordAsync(new AuditEntry(AuditActions.Read, "Patient", id, patient.Id, AuditOutcome.Success, "chart header"), ct);
        return header;
    }

    public static LatestWeight WeightAsOf(decimal weightKg, DateTimeOffset measuredAt, DateTimeOffset now, string timeZone)
    {
        var age = now - measuredAt;
        return new LatestWeight(
            weightKg, measuredAt, SiteClock.LocalDate(measuredAt, timeZone), Math.Max(0, (int)age.TotalDays), age > WeightStaleAfter);
    }
}

/// <summary>Age in completed years.</summary>
public static class PatientAge
{
    public static int YearsOn(DateOnly bornOn, DateOnly today)
    {
        var years = today.Year - bornOn.Year;
        // Not yet had this year's birthday (29 February counts from 1 March in common years).
        if (today.Month < bornOn.Month || (today.Month == bornOn.Month && today.Day < bornOn.Day))
        {
            years--;
        }
        return Math.Max(0, years);
    }
}
