using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Safety;
using KetamineClinic.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Questionnaires;

/// <summary>The latest response of an instrument on one day, as the pre-infusion gate needs it.</summary>
/// <param name="ResponseId">The stored response.</param>
/// <param name="InstrumentId">Its instrument.</param>
/// <param name="Outcome">Scored, triaged or incomplete.</param>
/// <param name="Total">Total; null for the C-SSRS and when incomplete.</param>
/// <param name="BandCode">Band code; null when none.</param>
/// <param name="BandDisplay">Band label; null when none.</param>
/// <param name="CssrsRisk">C-SSRS risk level; null otherwise (and for an incomplete screener, which counts as High: see <see cref="SuicideRiskLevel"/>).</param>
/// <param name="SuicideRiskLevel">The SI level the response triggered.</param>
/// <param name="Source">Portal, staff or FHIR.</param>
/// <param name="AnsweredAt">When it was answered (UTC).</param>
/// <param name="RecordedAt">When it was stored (UTC).</param>
/// <param name="InfusionSessionId">The session it was given in, when any.</param>
public sealed record SameDayResponse(
    Guid ResponseId,
    string InstrumentId,
    ResponseOutcome Outcome,
    int? Total,
    string? BandCode,
    string? BandDisplay,
    CssrsRiskLevel? CssrsRisk,
    SuicideRiskLevel SuicideRiskLevel,
    ResponseSource Source,
    DateTimeOffset AnsweredAt,
    DateTimeOffset RecordedAt,
    Guid? InfusionSessionId);

/// <summary>
/// Same-day questionnaires (clinical-spec §6.7: PHQ-9 or QIDS-SR16, GAD-7 and the C-SSRS before each infusion). "Day"
/// is the calendar day at the patient's home site (its IANA time zone; UTC when unknown). This query does not audit:
/// the page or gate that shows the result audits its own view.
/// </summary>
public sealed class SameDayInstruments(IDbContextFactory<ClinicDbContext> contexts)
{
    /// <summary>Both C-SSRS screener forms (CSSRS-VER-01): either one counts as "the C-SSRS done today".</summary>
    public static IReadOnlyList<string> CssrsInstrumentIds { get; } = [InstrumentIds.CssrsRecent, InstrumentIds.CssrsSinceLastVisit];

    /// <summary>The latest response (by answer time) of <paramref name="instrumentId"/> on <paramref name="day"/>, or null.</summary>
    public Task<SameDayResponse?> LatestAsync(Guid patientId, string instrumentId, DateOnly day, CancellationToken ct) =>
        LatestAsync(patientId, [instrumentId], day, ct);

    /// <summary>The latest C-SSRS screener of either form on <paramref name="day"/>, or null.</summary>
    public Task<SameDayResponse?> LatestCssrsAsync(Guid patientId, DateOnly day, CancellationToken ct) =>
        LatestAsync(patientId, CssrsInstrumentIds, day, ct);

    /// <summary>The latest response of any of <paramref name="instrumentIds"/> on <paramref name="day"/>, or null.</summary>
    public async Task<SameDayResponse?> LatestAsync(Guid patientId, IReadOnlyCollection<string> instrumentIds, DateOnly day, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instrumentIds);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var timeZone = await (from p in db.Patients
                              where p.Id == patientId
                              join s in db.Sites on p.PrimarySiteId equals s.Id into sites
                              from s in sites.DefaultIfEmpty()
                              select s == null ? null : s.TimeZone).FirstOrDefaultAsync(ct);
        var (from, to) = DayBounds(day, timeZone);
        var ids = instrumentIds.ToList();
        return await db.Set<InstrumentResponse>().AsNoTracking()
            .Where(r => r.PatientId == patientId && ids.Contains(r.InstrumentId) && r.AnsweredAt >= from && r.AnsweredAt < to)
            .OrderByDescending(r => r.AnsweredAt)
            .ThenByDescending(r => r.RecordedAt)
            .Select(r => new SameDayResponse(
                r.Id, r.InstrumentId, r.Outcome, r.Total, r.BandCode, r.BandDisplay, r.CssrsRisk, r.SuicideRiskLevel,
                r.Source, r.AnsweredAt, r.RecordedAt, r.InfusionSessionId))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The UTC instants [start, end) of a calendar day in a time zone (UTC when the zone is unknown).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) DayBounds(DateOnly day, string? timeZone)
    {
        var zone = timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var z) ? z : TimeZoneInfo.Utc;
        return (StartOf(day, zone), StartOf(day.AddDays(1), zone));
    }

    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A day that starts inside a DST gap starts at the first valid local time.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
