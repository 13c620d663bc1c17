using KetamineClinic.Domain.Safety;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Questionnaires;

/// <summary>An open suicide-risk alert as staff see it (Today, patient chart).</summary>
public sealed record OpenSuicideRiskAlert(
    Guid Id, Guid PatientId, string PatientName, string Mrn, SuicideRiskLevel Level, string Rules, string Reason,
    IReadOnlyList<string> RequiredActions, DateTimeOffset RaisedAt);

/// <summary>What a patient's chart shows of their questionnaires: open alerts and recent results.</summary>
public sealed record PatientQuestionnaires(IReadOnlyList<OpenSuicideRiskAlert> OpenAlerts, IReadOnlyList<RecentResponse> Recent);

/// <summary>One stored response, newest first on the chart.</summary>
public sealed record RecentResponse(
    Guid Id, string InstrumentId, DateTimeOffset AnsweredAt, ResponseSource Source, ResponseOutcome Outcome, int? Total,
    string? BandDisplay, string? CssrsRisk, SuicideRiskLevel SuicideRiskLevel);

/// <summary>The result of acknowledging an alert.</summary>
public enum AcknowledgeAlertResult
{
    Done,
    NotFound,
    AlreadyAcknowledged,
    NotAllowed,
}

/// <summary>
/// Open suicide-risk alerts (clinical-spec §8.1) for the Today page and the chart, and their acknowledgement by a
/// clinician. Reads are audited by the caller's view; acknowledgement is audited in its SaveChanges.
/// </summary>
public sealed class SuicideRiskAlerts(IDbContextFactory<ClinicDbContext> contexts, TimeProvider clock, ActorAuditTrails audits)
{
    public async Task<IReadOnlyList<OpenSuicideRiskAlert>> OpenForSiteAsync(Guid siteId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await OpenAsync(db, db.Patients.Where(p => p.PrimarySiteId == siteId).Select(p => p.Id), ct);
    }

    public async Task<PatientQuestionnaires> ForPatientAsync(Guid patientId, int take, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var alerts = await OpenAsync(db, db.Patients.Where(p => p.Id == patientId).Select(p => p.Id), ct);
        var recent = await db.Set<InstrumentResponse>().AsNoTracking()
            .Where(r => r.PatientId == patientId)
            .OrderByDescending(r => r.AnsweredAt)
            .Take(take)
            .Select(r => new RecentResponse(r.Id, r.InstrumentId, r.AnsweredAt, r.Source, r.Outcome, r.Total, r.BandDisplay,
                r.CssrsRisk == null ? null : r.CssrsRisk.ToString(), r.SuicideRiskLevel))
            .ToListAsync(ct);
        return new PatientQuestionnaires(alerts, recent);
    }

    /// <summary>A nurse or physician marks an alert as seen and acted on (the flag stays until cleared on the chart).</summary>
    public async Task<AcknowledgeAlertResult> AcknowledgeAsync(Guid alertId, StaffActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsClinical)
        {
            return AcknowledgeAlertResult.NotAllowed;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var alert = await db.Set<SuicideRiskAlert>().FirstOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null)
        {
            return AcknowledgeAlertResult.NotFound;
        }
        if (alert.AcknowledgedAt is not null)
        {
            return AcknowledgeAlertResult.AlreadyAcknowledged;
        }
        alert.AcknowledgedAt = clock.GetUtcNow();
        alert.AcknowledgedBy = actor.Name;
        await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(AuditActions.Update, "SuicideRiskAlert", alert.Id.ToString(), alert.PatientId, Detail: "acknowledged"));
        await db.SaveChangesAsync(ct);
        return AcknowledgeAlertResult.Done;
    }

    private static async Task<IReadOnlyList<OpenSuicideRiskAlert>> OpenAsync(ClinicDbContext db, IQueryable<Guid> patientIds, CancellationToken ct)
    {
        var rows = await (from a in db.Set<SuicideRiskAlert>().AsNoTracking()
                          where a.AcknowledgedAt == null && patientIds.Contains(a.PatientId)
                          join p in db.Patients on a.PatientId equals p.Id
                          select new { a.Id, a.PatientId, p.FamilyName, p.GivenName, p.Mrn, a.Level, a.Rules, a.Reason, a.RequiredActions, a.RaisedAt })
            .ToListAsync(ct);
        return [.. rows
            .OrderByDescending(r => r.Level)
            .ThenByDescending(r => r.RaisedAt)
            .Select(r => new OpenSuicideRiskAlert(r.Id, r.PatientId, $"{r.FamilyName}, {r.GivenName}", r.Mrn, r.Level, r.Rules, r.Reason,
                r.RequiredActions.Split('\n', StringSplitOptions.RemoveEmptyEntries), r.RaisedAt))];
    }
}
