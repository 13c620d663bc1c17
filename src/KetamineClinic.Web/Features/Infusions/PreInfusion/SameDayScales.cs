using KetamineClinic.Domain.Instruments;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Infusions.PreInfusion;

/// <summary>A questionnaire response of the session day: the answers (scored again by InstrumentCatalog), when, and who gave them.</summary>
public sealed record SameDayAnswers(string InstrumentId, IReadOnlyDictionary<string, ItemAnswer> Answers, DateTimeOffset At, string Source);

/// <summary>
/// Where the pre-check finds the same-day PHQ-9 and C-SSRS: the patient's own portal response, or one a nurse
/// administered (both stored by the questionnaire feature's <see cref="InstrumentSubmissionHandler"/>).
/// </summary>
public interface ISameDayScales
{
    /// <summary>The latest response of <paramref name="instrumentIds"/> (either C-SSRS form counts) on the clinic day, or null.</summary>
    Task<SameDayAnswers?> LatestAsync(Guid patientId, IReadOnlyCollection<string> instrumentIds, DateOnly day, CancellationToken ct);
}

/// <summary>Reads <see cref="SameDayInstruments"/> and the stored answers, so the checklist re-scores them with the current catalog.</summary>
internal sealed class QuestionnaireSameDayScales(SameDayInstruments sameDay, IDbContextFactory<ClinicDbContext> contexts) : ISameDayScales
{
    public async Task<SameDayAnswers?> LatestAsync(Guid patientId, IReadOnlyCollection<string> instrumentIds, DateOnly day, CancellationToken ct)
    {
        if (await sameDay.LatestAsync(patientId, instrumentIds, day, ct) is not { } hit)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Set<InstrumentAnswer>().AsNoTracking().Where(a => a.ResponseId == hit.ResponseId).ToListAsync(ct);
        var yesNo = hit.InstrumentId is InstrumentIds.CssrsRecent or InstrumentIds.CssrsSinceLastVisit;
        // The store keeps Yes = 1 / No = 0 (InstrumentAnswer); the C-SSRS items are yes/no items again for scoring.
        var answers = rows.ToDictionary(a => a.LinkId, a => yesNo ? ItemAnswer.Of(a.Value != 0) : ItemAnswer.Of((decimal)a.Value), StringComparer.Ordinal);
        var source = hit.Source switch
        {
            ResponseSource.PatientPortal => "answered by the patient",
            ResponseSource.Staff => "administered by staff",
            ResponseSource.Fhir => "received over FHIR",
        };
        return new SameDayAnswers(hit.InstrumentId, answers, hit.AnsweredAt, source);
    }
}
