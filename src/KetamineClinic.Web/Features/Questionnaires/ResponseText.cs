using System.Globalization;
using KetamineClinic.Web.Features.Questionnaires.Portal;

namespace KetamineClinic.Web.Features.Questionnaires;

/// <summary>Short result texts for the staff and portal views (switches over the closed outcomes live here, not in Razor).</summary>
public static class ResponseText
{
    /// <summary>Staff: "PHQ-9: total 16 (Moderately severe).", "C-SSRS Screener (Recent): High risk.", or what is missing.</summary>
    public static string ForStaff(InstrumentSubmissionResult.Accepted a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.Outcome switch
        {
            ResponseOutcome.Scored => string.Create(CultureInfo.InvariantCulture, $"{a.Title}: total {a.Total}{(a.Band is { } b ? " (" + b.Display + ")" : "")}."),
            ResponseOutcome.Triaged => $"{a.Title}: {a.CssrsRisk} risk.",
            ResponseOutcome.Incomplete => $"{a.Title}: incomplete (item {string.Join(", ", a.Missing.Select(m => m.LinkId))} unanswered); no total (SCALE-01)."
                + (a.CssrsRisk is null && a.InstrumentId.StartsWith("cssrs", StringComparison.Ordinal) ? " Treated as High until completed (CSSRS-VAL-01)." : ""),
        };
    }

    /// <summary>Staff chart row: "16 Moderately severe", "High risk", "incomplete".</summary>
    public static string ForChart(RecentResponse r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.Outcome switch
        {
            ResponseOutcome.Scored => string.Create(CultureInfo.InvariantCulture, $"{r.Total} {r.BandDisplay}").Trim(),
            ResponseOutcome.Triaged => $"{r.CssrsRisk} risk",
            ResponseOutcome.Incomplete => "incomplete",
        };
    }

    /// <summary>Patient: "Score 10 (Moderate)", "Answers received", "Not all questions answered".</summary>
    public static string ForPatient(PastResponse past)
    {
        ArgumentNullException.ThrowIfNull(past);
        return past.Outcome switch
        {
            ResponseOutcome.Scored => string.Create(CultureInfo.InvariantCulture, $"Score {past.Total}{(past.BandDisplay is null ? "" : " (" + past.BandDisplay + ")")}"),
            ResponseOutcome.Triaged => "Answers received",
            ResponseOutcome.Incomplete => "Not all questions answered",
        };
    }
}
