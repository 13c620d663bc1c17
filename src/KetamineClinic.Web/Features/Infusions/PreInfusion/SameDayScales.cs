using KetamineClinic.Domain.Instruments;

namespace KetamineClinic.Web.Features.Infusions.PreInfusion;

/// <summary>A questionnaire response of the session day: the answers (scored again by InstrumentCatalog), when, and who gave them.</summary>
public sealed record SameDayResponse(string InstrumentId, IReadOnlyDictionary<string, ItemAnswer> Answers, DateTimeOffset At, string Source);

/// <summary>
/// Where the pre-check finds the patient's own same-day PHQ-9 and C-SSRS (answered in the portal before arriving).
/// The questionnaire store implements it; when there is none for
/// the day, the nurse administers the scale on the pre-check page and those answers are used.
/// </summary>
public interface ISameDayScales
{
    Task<SameDayResponse?> LatestAsync(Guid patientId, string instrumentId, DateOnly day, CancellationToken ct);
}
