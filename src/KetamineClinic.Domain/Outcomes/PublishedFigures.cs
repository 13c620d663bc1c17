namespace KetamineClinic.Domain.Outcomes;

/// <summary>A figure from a published study, for the clinic's analytics to show beside its own.</summary>
/// <param name="SourceId">Source id of clinical-spec §13 (e.g. "S31").</param>
/// <param name="Study">Short citation.</param>
/// <param name="Measure">What was measured.</param>
/// <param name="Value">The value (percent or days).</param>
/// <param name="Unit">"%" or "days".</param>
/// <param name="Evidence">Spec evidence tag: "V" (verified) or "K" (not re-read; confirm before release).</param>
/// <param name="Note">Context a reader needs (cohort size, definition).</param>
public sealed record PublishedFigure(string SourceId, string Study, string Measure, decimal Value, string Unit, string Evidence, string Note);

/// <summary>Published comparison figures quoted in clinical-spec §3.3 and §7.2.</summary>
public static class PublishedFigures
{
    /// <summary>Murrough 2013 [S31] [V]: response at study end 70.8% (n=24, up to 6 infusions over 12 days).</summary>
    public static PublishedFigure Murrough2013ResponseRate { get; } = new(
        "S31", "Murrough 2013", "Response rate at end of induction", 70.8m, "%", "V",
        "n=24; up to 6 infusions of 0.5 mg/kg, three times weekly over 12 days");

    /// <summary>Murrough 2013 [S31] [V]: among responders, median time to relapse 18 days (follow-up up to 83 days).</summary>
    public static PublishedFigure Murrough2013MedianDaysToRelapse { get; } = new(
        "S31", "Murrough 2013", "Median time to relapse among responders", 18m, "days", "V",
        "Relapse follow-up up to 83 days after the last infusion");

    /// <summary>aan het Rot 2010 [S30] [K]: relapse on average 19 days after the 6th infusion (range 6–45).</summary>
    public static PublishedFigure AanHetRot2010MeanDaysToRelapse { get; } = new(
        "S30", "aan het Rot 2010", "Mean time to relapse after the 6th infusion", 19m, "days", "K",
        "n=10 (9 responders); an average, not a median; range 6–45; one participant did not relapse for >3 months");

    /// <summary>Phillips 2019 [S32] [V]: 59% response after the 6-infusion series.</summary>
    public static PublishedFigure Phillips2019ResponseRate { get; } = new(
        "S32", "Phillips 2019", "Response rate after 6 open-label infusions", 59m, "%", "V",
        "n=41; thrice weekly over 2 weeks; median of 3 infusions to response");

    /// <summary>All figures, for a comparison table.</summary>
    public static IReadOnlyList<PublishedFigure> All { get; } =
    [
        Murrough2013ResponseRate,
        Murrough2013MedianDaysToRelapse,
        AanHetRot2010MeanDaysToRelapse,
        Phillips2019ResponseRate,
    ];
}
