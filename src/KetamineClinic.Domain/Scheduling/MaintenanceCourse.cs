using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Scheduling;

/// <summary>The Ketalar label's warnings for prolonged use that every maintenance review covers (MAINT-01, [S4]).</summary>
public enum ProlongedUseReviewItem
{
    /// <summary>Genitourinary symptoms (e.g. ketamine-associated cystitis).</summary>
    GenitourinarySymptoms,

    /// <summary>Liver injury.</summary>
    LiverInjury,
}

/// <summary>A recorded face-to-face maintenance review.</summary>
public sealed record MaintenanceReview
{
    /// <summary>Creates a review record.</summary>
    /// <param name="reviewedOn">Clinic-local date of the review.</param>
    /// <param name="physician">Reviewing physician (not blank).</param>
    /// <param name="itemsCovered">Which label items the review covered.</param>
    public MaintenanceReview(DateOnly reviewedOn, string physician, IEnumerable<ProlongedUseReviewItem> itemsCovered)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(physician);
        ArgumentNullException.ThrowIfNull(itemsCovered);
        ReviewedOn = reviewedOn;
        Physician = physician;
        ItemsCovered = itemsCovered.ToHashSet();
    }

    /// <summary>Date of the review.</summary>
    public DateOnly ReviewedOn { get; }

    /// <summary>Reviewing physician.</summary>
    public string Physician { get; }

    /// <summary>Label items the review covered.</summary>
    public IReadOnlySet<ProlongedUseReviewItem> ItemsCovered { get; }
}

/// <summary>
/// A maintenance course as a CarePlan (clinical-spec §3.4, ASA [S9]): a defined frequency, stop criteria, and
/// periodic reviews.
/// </summary>
public sealed record MaintenanceCourse
{
    /// <summary>Creates a course record; missing frequency or stop criteria are MAINT-01 findings, not exceptions.</summary>
    /// <param name="startedOn">Clinic-local date the maintenance course started.</param>
    /// <param name="frequencyDays">Days between maintenance infusions (1–365), or null when not defined.</param>
    /// <param name="stopCriteria">Stop criteria in plain words; blank entries are ignored.</param>
    /// <param name="reviews">Reviews recorded so far.</param>
    public MaintenanceCourse(DateOnly startedOn, int? frequencyDays, IEnumerable<string> stopCriteria, IEnumerable<MaintenanceReview> reviews)
    {
        if (frequencyDays is { } f)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(f, 1, nameof(frequencyDays));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(f, 365, nameof(frequencyDays));
        }
        ArgumentNullException.ThrowIfNull(stopCriteria);
        ArgumentNullException.ThrowIfNull(reviews);
        StartedOn = startedOn;
        FrequencyDays = frequencyDays;
        StopCriteria = [.. stopCriteria.Where(s => !string.IsNullOrWhiteSpace(s))];
        Reviews = [.. reviews.OrderBy(r => r.ReviewedOn)];
    }

    /// <summary>Start date.</summary>
    public DateOnly StartedOn { get; }

    /// <summary>Days between maintenance infusions, if defined.</summary>
    public int? FrequencyDays { get; }

    /// <summary>Stop criteria (non-blank).</summary>
    public IReadOnlyList<string> StopCriteria { get; }

    /// <summary>Reviews, oldest first.</summary>
    public IReadOnlyList<MaintenanceReview> Reviews { get; }
}

/// <summary>The state of a maintenance course on a date: next review due, and MAINT-01 findings.</summary>
/// <param name="NextReviewOn">The planned review date: last complete review (or the start) + the review interval.</param>
/// <param name="LastCompleteReviewOn">The last review that covered every label item, if any.</param>
/// <param name="ReviewItems">Items every review must cover.</param>
/// <param name="Findings">MAINT-01 findings (BLOCK for a missing frequency, missing stop criteria, or an overdue review; INFO for an incomplete review).</param>
/// <param name="ProtocolVersion">Version of the protocol whose numbers were used.</param>
public sealed record MaintenanceAssessment(
    DateOnly NextReviewOn,
    DateOnly? LastCompleteReviewOn,
    IReadOnlyList<ProlongedUseReviewItem> ReviewItems,
    IReadOnlyList<RuleFinding> Findings,
    ProtocolVersion ProtocolVersion);

/// <summary><c>MAINT-01</c> (clinical-spec §3.4): maintenance courses need a frequency, stop criteria and current reviews.</summary>
public static class MaintenanceRules
{
    /// <summary>The label's prolonged-use warnings every review covers [S4].</summary>
    public static IReadOnlyList<ProlongedUseReviewItem> LabelReviewItems { get; } =
        [ProlongedUseReviewItem.GenitourinarySymptoms, ProlongedUseReviewItem.LiverInjury];

    /// <summary>
    /// Assesses a maintenance course on <paramref name="today"/> (clinic-local). A review counts only if it covers
    /// every label item and is dated on or after the start and on or before today. The next review is due
    /// <c>MaintenanceReviewIntervalWeeks</c> (default 12) after the last complete review, or after the start.
    /// BLOCK (the data must change; no override) when the frequency or stop criteria are missing, or today is after
    /// the review date.
    /// </summary>
    public static MaintenanceAssessment Evaluate(MaintenanceCourse course, DateOnly today, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(protocol);
        var p = protocol.Scheduling;
        p.EnsureValid();
        var findings = new List<RuleFinding>();

        if (course.FrequencyDays is null)
        {
            findings.Add(Block("MAINT-01: the maintenance course has no defined frequency; record one in the care plan."));
        }
        if (course.StopCriteria.Count == 0)
        {
            findings.Add(Block("MAINT-01: the maintenance course has no stop criteria; record them in the care plan."));
        }

        var counted = course.Reviews.Where(r => r.ReviewedOn >= course.StartedOn && r.ReviewedOn <= today).ToList();
        var lastComplete = counted.LastOrDefault(IsComplete);
        foreach (var incomplete in counted.Where(r => !IsComplete(r) && (lastComplete is null || r.ReviewedOn > lastComplete.ReviewedOn)))
        {
            findings.Add(new RuleFinding(SchedulingRuleIds.Maintenance, Enforcement.Info,
                Invariant($"MAINT-01: the review of {incomplete.ReviewedOn:yyyy-MM-dd} did not cover {Missing(incomplete)}, so it does not count as a maintenance review."),
                ["S4", "S9", "C"]));
        }

        var anchor = lastComplete?.ReviewedOn ?? course.StartedOn;
        var nextReviewOn = anchor.AddDays(7 * p.MaintenanceReviewIntervalWeeks);
        if (today > nextReviewOn)
        {
            findings.Add(Block(Invariant(
                $"MAINT-01: the maintenance review was due on {nextReviewOn:yyyy-MM-dd}; a physician review covering genitourinary symptoms and liver injury is needed before further maintenance infusions.")));
        }
        return new MaintenanceAssessment(nextReviewOn, lastComplete?.ReviewedOn, LabelReviewItems, findings, protocol.Version);
    }

    private static bool IsComplete(MaintenanceReview review) => LabelReviewItems.All(review.ItemsCovered.Contains);

    private static string Missing(MaintenanceReview review) =>
        string.Join(" and ", LabelReviewItems.Where(i => !review.ItemsCovered.Contains(i)).Select(i => i switch
        {
            ProlongedUseReviewItem.GenitourinarySymptoms => "genitourinary symptoms",
            ProlongedUseReviewItem.LiverInjury => "liver injury",
        }));

    private static RuleFinding Block(string message) =>
        new(SchedulingRuleIds.Maintenance, Enforcement.Block, message, ["S4", "S9", "C"]);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
