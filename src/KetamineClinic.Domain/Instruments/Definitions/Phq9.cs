using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Instruments;

/// <summary>PHQ-9 (clinical-spec §6.2) and GAD-7 (§6.1): 0–3 items with the LOINC answer list of §6.2.</summary>
public static class Phq9
{
    /// <summary>PHQ9-01: total = sum of items 1–9.</summary>
    public static RuleId TotalRule => new("PHQ9-01");

    /// <summary>PHQ9-03: any of items 1–9 missing ⇒ total null, status incomplete.</summary>
    public static RuleId CompletenessRule => new("PHQ9-03");

    /// <summary>PHQ9-SAFETY-01: item 9 ≥1 ⇒ suicide-risk workflow whatever the total.</summary>
    public static RuleId SafetyRule => new("PHQ9-SAFETY-01");

    /// <summary>Link id of item 9 (thoughts of death or self-harm, LOINC 44260-8).</summary>
    public const string SuicideItem = "9";

    /// <summary>Link id of item 10 (difficulty, LOINC 69722-7): never summed nor required (SCALE-01).</summary>
    public const string DifficultyItem = "10";

    /// <summary>The 0–3 frequency answers with their LOINC answer codes (clinical-spec §6.2).</summary>
    public static IReadOnlyList<AnswerOption> FrequencyAnswers =>
    [
        new(0, "Not at all", ConceptCode.Loinc("LA6568-5", "Not at all")),
        new(1, "Several days", ConceptCode.Loinc("LA6569-3", "Several days")),
        new(2, "More than half the days", ConceptCode.Loinc("LA6570-1", "More than half the days")),
        new(3, "Nearly every day", ConceptCode.Loinc("LA6571-9", "Nearly every day")),
    ];

    /// <summary>The PHQ-9 definition (panel 44249-1, total 44261-6).</summary>
    public static InstrumentDefinition Definition => new(
        InstrumentIds.Phq9,
        "PHQ-9",
        "1.0.0",
        [
            Item("1", "Loss of interest or pleasure", "44250-9"),
            Item("2", "Low mood or hopelessness", "44255-8"),
            Item("3", "Sleep problems (too little or too much)", "44259-0"),
            Item("4", "Tiredness or low energy", "44254-1"),
            Item("5", "Poor appetite or overeating", "44251-7"),
            Item("6", "Feeling bad about oneself", "44258-2"),
            Item("7", "Trouble concentrating", "44252-5"),
            Item("8", "Slowed down, or restless", "44253-3"),
            Item(SuicideItem, "Thoughts of being better off dead or of self-harm", "44260-8"),
            new InstrumentItem(
                DifficultyItem,
                "How difficult these problems have made daily life",
                ItemAnswerType.WholeNumber,
                [
                    new(0, "Not difficult at all"),
                    new(1, "Somewhat difficult"),
                    new(2, "Very difficult"),
                    new(3, "Extremely difficult"),
                ],
                ConceptCode.Loinc("69722-7", "Difficulty doing work, home or getting along"),
                scored: false,
                required: false),
        ],
        ScoringMethod.SumOfItems,
        itemRule: TotalRule,
        completenessRule: CompletenessRule,
        panelCode: ConceptCode.Loinc("44249-1", "PHQ-9 quick depression assessment panel"),
        totalCode: ConceptCode.Loinc("44261-6", "PHQ-9 total score"),
        bands:
        [
            // PHQ9-02 (clinical-spec §6.2): display "None–minimal" for 0–4.
            new(0, 4, "none-minimal", "None–minimal"),
            new(5, 9, "mild", "Mild"),
            new(10, 14, "moderate", "Moderate"),
            new(15, 19, "moderately-severe", "Moderately severe"),
            new(20, 27, "severe", "Severe"),
        ],
        suicideItem: new SuicideItemMapping(SuicideItem, SafetyRule, p => p.Phq9Item9));

    private static InstrumentItem Item(string linkId, string text, string loinc) =>
        new(linkId, text, ItemAnswerType.WholeNumber, FrequencyAnswers, ConceptCode.Loinc(loinc, $"PHQ-9 item {linkId}"));
}

/// <summary>GAD-7 (clinical-spec §6.1): 7 items 0–3, total 0–21, cut-points 5/10/15.</summary>
public static class Gad7
{
    /// <summary>
    /// The GAD-7 definition (panel 69737-5, total 70274-6). Item LOINCs are not given by the spec and are left
    /// unset; the answers reuse the LOINC answer codes of the 0–3 frequency list (clinical-spec §6.2).
    /// </summary>
    public static InstrumentDefinition Definition => new(
        InstrumentIds.Gad7,
        "GAD-7",
        "1.0.0",
        [
            Item("1", "Nervous, anxious or on edge"),
            Item("2", "Unable to stop or control worry"),
            Item("3", "Worrying too much about many things"),
            Item("4", "Trouble relaxing"),
            Item("5", "So restless it is hard to sit still"),
            Item("6", "Easily annoyed or irritable"),
            Item("7", "Afraid something awful might happen"),
        ],
        ScoringMethod.SumOfItems,
        itemRule: ScaleRules.Integrity,
        completenessRule: ScaleRules.Integrity,
        panelCode: ConceptCode.Loinc("69737-5", "GAD-7 panel"),
        totalCode: ConceptCode.Loinc("70274-6", "GAD-7 total score"),
        bands:
        [
            new(0, 4, "minimal", "Minimal"),
            new(5, 9, "mild", "Mild"),
            new(10, 14, "moderate", "Moderate"),
            new(15, 21, "severe", "Severe"),
        ]);

    private static InstrumentItem Item(string linkId, string text) =>
        new(linkId, text, ItemAnswerType.WholeNumber, Phq9.FrequencyAnswers);
}

/// <summary>Rule ids shared by every scale.</summary>
public static class ScaleRules
{
    /// <summary>
    /// SCALE-01 (clinical-spec §6.1): any missing scored item ⇒ total null, status incomplete (no prorating). Also cited
    /// by item-range errors of scales whose own rule the spec does not name.
    /// </summary>
    public static RuleId Integrity => new("SCALE-01");
}
