using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Safety;

namespace KetamineClinic.Domain.Instruments;

/// <summary>QIDS-SR16 (clinical-spec §6.4): 16 items 0–3 collapsed to 9 domains, total 0–27.</summary>
public static class QidsSr16
{
    /// <summary>QIDS-SAFETY-01: item 12 = 1–2 ⇒ SI-1; 3 ⇒ SI-2 plus a mandatory same-session C-SSRS.</summary>
    public static RuleId SafetyRule => new("QIDS-SAFETY-01");

    /// <summary>Link id of item 12 (thoughts of death or suicide).</summary>
    public const string SuicideItem = "12";

    /// <summary>
    /// The QIDS-SR16 definition. Total = sum of the 9 domain scores, each the highest of its items: NEVER the sum
    /// of the 16 items (TV-11). Items 6/7 and 8/9 are either/or: one answer per pair is enough.
    /// </summary>
    public static InstrumentDefinition Definition => new(
        InstrumentIds.QidsSr16,
        "QIDS-SR16",
        "1.0.0",
        [
            Item("1", "Falling asleep"),
            Item("2", "Sleep during the night"),
            Item("3", "Waking up too early"),
            Item("4", "Sleeping too much"),
            Item("5", "Feeling sad"),
            Item("6", "Decreased appetite", required: false),
            Item("7", "Increased appetite", required: false),
            Item("8", "Weight loss", required: false),
            Item("9", "Weight gain", required: false),
            Item("10", "Concentration and decision-making"),
            Item("11", "View of myself"),
            Item(SuicideItem, "Thoughts of death or suicide"),
            Item("13", "General interest"),
            Item("14", "Energy level"),
            Item("15", "Feeling slowed down"),
            Item("16", "Feeling restless"),
        ],
        ScoringMethod.SumOfDomainMaxima,
        itemRule: ScaleRules.Integrity,
        completenessRule: ScaleRules.Integrity,
        panelCode: ConceptCode.LocalScore("qids-sr16", "QIDS-SR16 panel"),
        totalCode: ConceptCode.LocalScore("qids-sr16-total", "QIDS-SR16 total score"),
        bands:
        [
            new(0, 5, "none", "None"),
            new(6, 10, "mild", "Mild"),
            new(11, 15, "moderate", "Moderate"),
            new(16, 20, "severe", "Severe"),
            new(21, 27, "very-severe", "Very severe"),
        ],
        domains:
        [
            new("Sleep", ["1", "2", "3", "4"]),
            new("Sad mood", ["5"]),
            new("Appetite/weight", ["6", "7", "8", "9"]),
            new("Concentration", ["10"]),
            new("Self-view", ["11"]),
            new("Suicidal ideation", [SuicideItem]),
            new("Interest", ["13"]),
            new("Energy", ["14"]),
            new("Psychomotor", ["15", "16"]),
        ],
        eitherOrGroups: [new(["6", "7"]), new(["8", "9"])],
        suicideItem: new SuicideItemMapping(SuicideItem, SafetyRule, p => p.QidsItem12, SameSessionCssrsFrom: SuicideRiskLevel.SI2));

    private static InstrumentItem Item(string linkId, string text, bool required = true) =>
        InstrumentItem.Scale(linkId, text, 0, 3, required: required);
}

/// <summary>MADRS (clinical-spec §6.3): 10 clinician-rated items 0–6, total 0–60. No verified LOINC: local codes.</summary>
public static class Madrs
{
    /// <summary>MADRS-01: total = sum; reject non-integers or values outside 0–6.</summary>
    public static RuleId TotalRule => new("MADRS-01");

    /// <summary>MADRS-SAFETY-01: item 10 = 2–3 ⇒ SI-1, 4–5 ⇒ SI-2, 6 ⇒ SI-3.</summary>
    public static RuleId SafetyRule => new("MADRS-SAFETY-01");

    /// <summary>Link id of item 10 (suicidal thoughts).</summary>
    public const string SuicideItem = "10";

    private static InstrumentItem[] Items() =>
    [
        Item("1", "Apparent sadness"),
        Item("2", "Reported sadness"),
        Item("3", "Inner tension"),
        Item("4", "Reduced sleep"),
        Item("5", "Reduced appetite"),
        Item("6", "Concentration difficulties"),
        Item("7", "Lassitude"),
        Item("8", "Inability to feel"),
        Item("9", "Pessimistic thoughts"),
        Item(SuicideItem, "Suicidal thoughts"),
    ];

    /// <summary>The MADRS definition with Snaith bands (spec default, clinical-spec §11).</summary>
    public static InstrumentDefinition SnaithDefinition => Create(
    [
        new(0, 6, "normal", "Normal/absent"),
        new(7, 19, "mild", "Mild"),
        new(20, 34, "moderate", "Moderate"),
        new(35, 60, "severe", "Severe"),
    ]);

    /// <summary>The MADRS definition with the alternative cut-points 12/24/35 (clinical-spec §6.1).</summary>
    public static InstrumentDefinition CutPoints12To24To35Definition => Create(
    [
        new(0, 11, "normal", "Normal/absent"),
        new(12, 23, "mild", "Mild"),
        new(24, 34, "moderate", "Moderate"),
        new(35, 60, "severe", "Severe"),
    ]);

    /// <summary>The MADRS definition with the band scheme the protocol chose.</summary>
    public static InstrumentDefinition Definition(ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return protocol.Instruments.MadrsBands switch
        {
            MadrsBandScheme.Snaith => SnaithDefinition,
            MadrsBandScheme.CutPoints12To24To35 => CutPoints12To24To35Definition,
        };
    }

    private static InstrumentDefinition Create(IReadOnlyList<ScoreBand> bands) => new(
        InstrumentIds.Madrs,
        "MADRS",
        "1.0.0",
        Items(),
        ScoringMethod.SumOfItems,
        itemRule: TotalRule,
        completenessRule: ScaleRules.Integrity,
        panelCode: ConceptCode.LocalScore("madrs", "MADRS panel"),
        totalCode: ConceptCode.LocalScore("madrs-total", "MADRS total score"),
        bands: bands,
        suicideItem: new SuicideItemMapping(SuicideItem, SafetyRule, p => p.MadrsItem10));

    private static InstrumentItem Item(string linkId, string text) => InstrumentItem.Scale(linkId, text, 0, 6);
}

/// <summary>HAM-D17 (clinical-spec §6.5): 9 items 0–4 and 8 items 0–2, total 0–52. No verified LOINC: local codes.</summary>
public static class Hamd17
{
    /// <summary>HAMD-01: items 1, 2, 3, 7, 8, 9, 10, 11, 15 are 0–4; items 4, 5, 6, 12, 13, 14, 16, 17 are 0–2.</summary>
    public static RuleId ItemRule => new("HAMD-01");

    /// <summary>HAMD-SAFETY-01: item 3 = 1–2 ⇒ SI-1, 3 ⇒ SI-2, 4 ⇒ SI-3.</summary>
    public static RuleId SafetyRule => new("HAMD-SAFETY-01");

    /// <summary>Link id of item 3 (suicide).</summary>
    public const string SuicideItem = "3";

    /// <summary>The HAM-D17 definition; bands 0–7 none, 8–16 mild, 17–23 moderate, ≥24 severe (Zimmerman 2013).</summary>
    public static InstrumentDefinition Definition => new(
        InstrumentIds.Hamd17,
        "HAM-D17",
        "1.0.0",
        [
            Wide("1", "Depressed mood"),
            Wide("2", "Feelings of guilt"),
            Wide(SuicideItem, "Suicide"),
            Narrow("4", "Insomnia: early"),
            Narrow("5", "Insomnia: middle"),
            Narrow("6", "Insomnia: late"),
            Wide("7", "Work and activities"),
            Wide("8", "Retardation"),
            Wide("9", "Agitation"),
            Wide("10", "Anxiety: psychic"),
            Wide("11", "Anxiety: somatic"),
            Narrow("12", "Somatic symptoms: gastrointestinal"),
            Narrow("13", "Somatic symptoms: general"),
            Narrow("14", "Genital symptoms"),
            Wide("15", "Hypochondriasis"),
            Narrow("16", "Loss of weight"),
            Narrow("17", "Insight"),
        ],
        ScoringMethod.SumOfItems,
        itemRule: ItemRule,
        completenessRule: ScaleRules.Integrity,
        panelCode: ConceptCode.LocalScore("hamd-17", "HAM-D17 panel"),
        totalCode: ConceptCode.LocalScore("hamd-17-total", "HAM-D17 total score"),
        bands:
        [
            new(0, 7, "none", "None"),
            new(8, 16, "mild", "Mild"),
            new(17, 23, "moderate", "Moderate"),
            new(24, 52, "severe", "Severe"),
        ],
        suicideItem: new SuicideItemMapping(SuicideItem, SafetyRule, p => p.HamdItem3));

    // HAMD-01 (clinical-spec §6.5): per-item ranges.
    private static InstrumentItem Wide(string linkId, string text) => InstrumentItem.Scale(linkId, text, 0, 4);

    private static InstrumentItem Narrow(string linkId, string text) => InstrumentItem.Scale(linkId, text, 0, 2);
}
