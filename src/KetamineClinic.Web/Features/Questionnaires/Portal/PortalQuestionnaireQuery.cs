using System.Security.Claims;
using KetamineClinic.Domain.Instruments;
using KetamineClinic.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Questionnaires.Portal;

/// <summary>One earlier response, as the patient sees it: when, which instrument, total and band (or C-SSRS level).</summary>
public sealed record PastResponse(DateTimeOffset AnsweredAt, string InstrumentId, ResponseOutcome Outcome, int? Total, string? BandDisplay);

/// <summary>
/// What the portal reads: the signed-in patient's record id and their own earlier responses. The pages audit what
/// they show (one read event per view).
/// </summary>
public sealed class PortalQuestionnaireQuery(IDbContextFactory<ClinicDbContext> contexts)
{
    /// <summary>The instruments a patient fills in before a visit (clinical-spec §6.7), C-SSRS last.</summary>
    public static IReadOnlyList<string> SelfReport { get; } =
        [InstrumentIds.Phq9, InstrumentIds.Gad7, InstrumentIds.QidsSr16, InstrumentIds.CssrsRecent, InstrumentIds.CssrsSinceLastVisit];

    /// <summary>The patient record of a patient sign-in, or null (a staff user, or an account not linked yet).</summary>
    public async Task<Guid?> PatientIdAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.PatientId).FirstOrDefaultAsync(ct);
    }

    /// <summary>The patient's latest responses to <paramref name="instrumentIds"/>, newest first.</summary>
    public async Task<IReadOnlyList<PastResponse>> HistoryAsync(Guid patientId, IReadOnlyCollection<string> instrumentIds, int take, CancellationToken ct)
    {
        var ids = instrumentIds.ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<InstrumentResponse>().AsNoTracking()
            .Where(r => r.PatientId == patientId && ids.Contains(r.InstrumentId))
            .OrderByDescending(r => r.AnsweredAt)
            .Take(take)
            .Select(r => new PastResponse(r.AnsweredAt, r.InstrumentId, r.Outcome, r.Total, r.BandDisplay ?? (r.CssrsRisk == null ? null : r.CssrsRisk.ToString())))
            .ToListAsync(ct);
    }
}
