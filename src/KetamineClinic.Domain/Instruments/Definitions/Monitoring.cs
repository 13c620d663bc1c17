using System.Globalization;
using KetamineClinic.Domain.Protocol;

namespace KetamineClinic.Domain.Instruments;

/// <summary>CADSS, 23-item version (clinical-spec §4.4): each item 0–4, total 0–92. No bands. Local codes.</summary>
public static class Cadss
{
    /// <summary>Number of items.</summary>
    public const int ItemCount = 23;

    /// <summary>The 0–4 anchors (not at all … extremely).</summary>
    public static IReadOnlyList<AnswerOption> Answers =>
    [
        new(0, "Not at all"),
        new(1, "Slightly"),
        new(2, "Moderately"),
        new(3, "Considerably"),
        new(4, "Extremely"),
    ];

    /// <summary>
    /// The CADSS-23 definition. Item wording belongs to the licensed form; the items carry neutral labels.
    /// </summary>
    public static InstrumentDefinition Definition => new(
        InstrumentIds.Cadss23,
        "CADSS (23 items)",
        "1.0.0",
        [.. Enumerable.Range(1, ItemCount).Select(n => new InstrumentItem(
            n.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"CADSS item {n}"),
            ItemAnswerType.WholeNumber,
            Answers))],
        ScoringMethod.SumOfItems,
        itemRule: ScaleRules.Integrity,
        completenessRule: ScaleRules.Integrity,
        panelCode: ConceptCode.LocalScore("cadss-23", "CADSS-23 panel"),
        totalCode: ConceptCode.LocalScore("cadss-23-total", "CADSS-23 total score"));
}

/// <summary>MOAA/S (clinical-spec §4.4): one rating, 0 (no response to pain) to 5 (responds readily to name).</summary>
public static class Moaas
{
    /// <summary>Link id of the single rating.</summary>
    public const string RatingItem = "1";

    /// <summary>The MOAA/S definition (single item; the total is the rating).</summary>
    public static InstrumentDefinition Definition => new(
        InstrumentIds.Moaas,
        "MOAA/S",
        "1.0.0",
        [
            new InstrumentItem(
                RatingItem,
                "Responsiveness",
                ItemAnswerType.WholeNumber,
                [
                    new(0, "0: no response to a painful stimulus"),
                    new(1, "1: responds only to a painful stimulus"),
                    new(2, "2: responds only to mild prodding or shaking"),
                    new(3, "3: responds only when name is called loudly or repeatedly"),
                    new(4, "4: lethargic response to name in a normal tone"),
                    new(5, "5: responds readily to name in a normal tone"),
                ]),
        ],
        ScoringMethod.SumOfItems,
        itemRule: ScaleRules.Integrity,
        completenessRule: ScaleRules.Integrity,
        totalCode: ConceptCode.LocalScore("moaas-score", "MOAA/S score"));

    /// <summary>
    /// VS-SED-01 (clinical-spec §4.3) threshold: true when a MOAA/S score (0–5) is at or below the protocol's stop
    /// threshold (default ≤2 [C]). The vitals rules raise the CRITICAL alarm; this only compares the score.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0–5.</exception>
    public static bool IsAtOrBelowSedationStopThreshold(int score, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentOutOfRangeException.ThrowIfNegative(score);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, 5);
        return score <= protocol.Instruments.MoaasSedationStopAtOrBelow;
    }
}

/// <summary>
/// BPRS positive-symptom subscale (clinical-spec §4.4): 4 items of the 18-item BPRS, each 1–7, total 4–28. Link ids
/// are the items' BPRS-18 numbers. No bands. Local codes.
/// </summary>
public static class BprsPositive
{
    /// <summary>The BPRS positive-subscale definition.</summary>
    public static InstrumentDefinition Definition => new(
        InstrumentIds.BprsPositive,
        "BPRS positive-symptom subscale",
        "1.0.0",
        [
            Item("4", "Conceptual disorganization"),
            Item("11", "Suspiciousness"),
            Item("12", "Hallucinatory behavior"),
            Item("15", "Unusual thought content"),
        ],
        ScoringMethod.SumOfItems,
        itemRule: ScaleRules.Integrity,
        completenessRule: ScaleRules.Integrity,
        panelCode: ConceptCode.LocalScore("bprs-positive", "BPRS positive subscale panel"),
        totalCode: ConceptCode.LocalScore("bprs-positive-total", "BPRS positive subscale total score"));

    private static InstrumentItem Item(string linkId, string text) => InstrumentItem.Scale(linkId, text, 1, 7);
}

/// <summary>
/// Beck Scale for Suicide Ideation (clinical-spec §6.1): 19 scored items 0–2, total 0–38, no standard bands
/// (trials used ≥4 for inclusion). The spec maps no SI level to it. Local codes.
/// </summary>
public static class BeckSsi
{
    /// <summary>Number of scored items.</summary>
    public const int ItemCount = 19;

    /// <summary>The Beck SSI definition. Item wording belongs to the licensed form; the items carry neutral labels.</summary>
    public static InstrumentDefinition Definition => new(
        InstrumentIds.BeckSsi,
        "Beck Scale for Suicide Ideation",
        "1.0.0",
        [.. Enumerable.Range(1, ItemCount).Select(n => InstrumentItem.Scale(
            n.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"SSI item {n}"),
            0,
            2))],
        ScoringMethod.SumOfItems,
        itemRule: ScaleRules.Integrity,
        completenessRule: ScaleRules.Integrity,
        panelCode: ConceptCode.LocalScore("beck-ssi", "Beck SSI panel"),
        totalCode: ConceptCode.LocalScore("beck-ssi-total", "Beck SSI total score"));
}
