using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Safety;

namespace KetamineClinic.Domain.Instruments;

/// <summary>Which C-SSRS screener form was used (CSSRS-VER-01, clinical-spec §6.7).</summary>
public enum CssrsScreenerVersion
{
    /// <summary>Recent: past-month ideation, lifetime behavior with the 3-month follow-up Q6a; item LOINCs of §6.6.</summary>
    Recent,

    /// <summary>Since-Last-Visit: no Q6a; local item codes (no LOINC for that time frame).</summary>
    SinceLastVisit,
}

/// <summary>The C-SSRS screener's derived risk level (clinical-spec §6.6), the value of Observation 93374-7.</summary>
public enum CssrsRiskLevel
{
    /// <summary>CSSRS-04: all answered No.</summary>
    None,

    /// <summary>CSSRS-03: wish to be dead or non-specific active thoughts only (Q1 or Q2 Yes).</summary>
    Low,

    /// <summary>CSSRS-02: method (Q3 Yes) or behavior more than 3 months ago.</summary>
    Moderate,

    /// <summary>CSSRS-01: intent (Q4) or plan (Q5), or behavior in the past 3 months (or on a form without Q6a).</summary>
    High,
}

/// <summary>Codings and SI mapping of <see cref="CssrsRiskLevel"/>.</summary>
public static class CssrsRiskLevels
{
    /// <summary>SI level of a C-SSRS risk level (clinical-spec §8.1): Low → SI-1, Moderate → SI-2, High → SI-3.</summary>
    public static SuicideRiskLevel ToSuicideRiskLevel(this CssrsRiskLevel risk) => risk switch
    {
        CssrsRiskLevel.None => SuicideRiskLevel.None,
        CssrsRiskLevel.Low => SuicideRiskLevel.SI1,
        CssrsRiskLevel.Moderate => SuicideRiskLevel.SI2,
        CssrsRiskLevel.High => SuicideRiskLevel.SI3,
    };

    /// <summary>
    /// <c>RiskAssessment.prediction.qualitativeRisk</c> code (HL7 risk-probability): None → <c>negligible</c>,
    /// because that code system has no "none" (CSSRS-04).
    /// </summary>
    public static ConceptCode QualitativeRisk(this CssrsRiskLevel risk) => risk switch
    {
        CssrsRiskLevel.None => new(CodeSystems.RiskProbability, "negligible", "Negligible likelihood"),
        CssrsRiskLevel.Low => new(CodeSystems.RiskProbability, "low", "Low likelihood"),
        CssrsRiskLevel.Moderate => new(CodeSystems.RiskProbability, "moderate", "Moderate likelihood"),
        CssrsRiskLevel.High => new(CodeSystems.RiskProbability, "high", "High likelihood"),
    };

    /// <summary>Value of the risk-level Observation 93374-7, in the local code system (CSSRS-04: "none").</summary>
    public static ConceptCode ObservationValue(this CssrsRiskLevel risk) => risk switch
    {
        CssrsRiskLevel.None => new(CodeSystems.CssrsRiskLevel, "none", "No risk identified"),
        CssrsRiskLevel.Low => new(CodeSystems.CssrsRiskLevel, "low", "Low risk"),
        CssrsRiskLevel.Moderate => new(CodeSystems.CssrsRiskLevel, "moderate", "Moderate risk"),
        CssrsRiskLevel.High => new(CodeSystems.CssrsRiskLevel, "high", "High risk"),
    };
}

/// <summary>CSSRS-VER-01 decision: which screener to give, and why.</summary>
/// <param name="Version">The screener form.</param>
/// <param name="InstrumentId">Its instrument id.</param>
/// <param name="Reason">Plain-words reason with the numbers.</param>
/// <param name="ProtocolVersion">Protocol version whose day limit was used.</param>
public sealed record CssrsVersionChoice(
    CssrsScreenerVersion Version,
    string InstrumentId,
    string Reason,
    ProtocolVersion ProtocolVersion)
{
    /// <summary>Plain-words reason; never blank.</summary>
    public string Reason { get; } = Checks.NotBlank(Reason, nameof(Reason));

    /// <summary>CSSRS-VER-01.</summary>
    public RuleId Rule => CssrsScreener.VersionRule;
}

/// <summary>
/// C-SSRS screener (clinical-spec §6.6, §6.7) in both versions: definitions, the version choice (CSSRS-VER-01),
/// branching validation (CSSRS-VAL-01) and triage (CSSRS-01…04).
/// </summary>
public static class CssrsScreener
{
    /// <summary>CSSRS-01: High.</summary>
    public static RuleId HighRule => new("CSSRS-01");

    /// <summary>CSSRS-02: Moderate.</summary>
    public static RuleId ModerateRule => new("CSSRS-02");

    /// <summary>CSSRS-03: Low.</summary>
    public static RuleId LowRule => new("CSSRS-03");

    /// <summary>CSSRS-04: None.</summary>
    public static RuleId NoneRule => new("CSSRS-04");

    /// <summary>CSSRS-VAL-01: branching validation; an incomplete screener counts as High until completed.</summary>
    public static RuleId ValidationRule => new("CSSRS-VAL-01");

    /// <summary>CSSRS-VER-01: Recent at intake or after the protocol's day limit, else Since-Last-Visit.</summary>
    public static RuleId VersionRule => new("CSSRS-VER-01");

    /// <summary>Risk-level Observation code (clinical-spec §6.6, §10.1).</summary>
    public static ConceptCode RiskLevelCode => ConceptCode.Loinc("93374-7", "C-SSRS suicide risk level");

    /// <summary>The Recent screener (panel 93373-9 [K]; item LOINCs verified in clinical-spec §6.6).</summary>
    public static InstrumentDefinition RecentDefinition => new(
        InstrumentIds.CssrsRecent,
        "C-SSRS Screener (Recent)",
        "1.0.0",
        [
            InstrumentItem.YesNo("1", "Wished to be dead or to go to sleep and not wake up (past month)", ConceptCode.Loinc("93246-7", "C-SSRS wish to be dead, past month")),
            InstrumentItem.YesNo("2", "Actual thoughts of killing yourself (past month)", ConceptCode.Loinc("93247-5", "C-SSRS suicidal thoughts, past month")),
            InstrumentItem.YesNo("3", "Thought about how you might do this", ConceptCode.Loinc("93248-3", "C-SSRS suicidal thoughts with method"), enabledWhenYesTo: "2"),
            InstrumentItem.YesNo("4", "Thoughts with some intention of acting on them", ConceptCode.Loinc("93249-1", "C-SSRS suicidal intent"), enabledWhenYesTo: "2"),
            InstrumentItem.YesNo("5", "Worked out details or intend to carry out a plan", ConceptCode.Loinc("93250-9", "C-SSRS suicidal intent with plan"), enabledWhenYesTo: "2"),
            InstrumentItem.YesNo("6", "Ever did, started or prepared anything to end your life", ConceptCode.Loinc("93267-3", "C-SSRS suicidal behavior, lifetime")),
            InstrumentItem.YesNo("6a", "Was this within the past 3 months?", ConceptCode.Loinc("93269-9", "C-SSRS suicidal behavior, past 3 months"), enabledWhenYesTo: "6"),
        ],
        ScoringMethod.CssrsTriage,
        itemRule: ValidationRule,
        completenessRule: ValidationRule,
        panelCode: ConceptCode.Loinc("93373-9", "C-SSRS screener, recent"));

    /// <summary>
    /// The Since-Last-Visit screener: no 3-month follow-up; local item codes, not the past-month/lifetime LOINCs
    /// (CSSRS-VER-01).
    /// </summary>
    public static InstrumentDefinition SinceLastVisitDefinition => new(
        InstrumentIds.CssrsSinceLastVisit,
        "C-SSRS Screener (Since Last Visit)",
        "1.0.0",
        [
            InstrumentItem.YesNo("1", "Wished to be dead or to go to sleep and not wake up (since last visit)", ConceptCode.LocalItem("cssrs-slv-1", "C-SSRS SLV wish to be dead")),
            InstrumentItem.YesNo("2", "Actual thoughts of killing yourself (since last visit)", ConceptCode.LocalItem("cssrs-slv-2", "C-SSRS SLV suicidal thoughts")),
            InstrumentItem.YesNo("3", "Thought about how you might do this", ConceptCode.LocalItem("cssrs-slv-3", "C-SSRS SLV method"), enabledWhenYesTo: "2"),
            InstrumentItem.YesNo("4", "Thoughts with some intention of acting on them", ConceptCode.LocalItem("cssrs-slv-4", "C-SSRS SLV intent"), enabledWhenYesTo: "2"),
            InstrumentItem.YesNo("5", "Worked out details or intend to carry out a plan", ConceptCode.LocalItem("cssrs-slv-5", "C-SSRS SLV intent with plan"), enabledWhenYesTo: "2"),
            InstrumentItem.YesNo("6", "Did, started or prepared anything to end your life (since last visit)", ConceptCode.LocalItem("cssrs-slv-6", "C-SSRS SLV suicidal behavior")),
        ],
        ScoringMethod.CssrsTriage,
        itemRule: ValidationRule,
        completenessRule: ValidationRule,
        panelCode: ConceptCode.LocalItem("cssrs-screener-since-last-visit", "C-SSRS screener, since last visit"));

    /// <summary>The definition of a screener version.</summary>
    public static InstrumentDefinition DefinitionFor(CssrsScreenerVersion version) => version switch
    {
        CssrsScreenerVersion.Recent => RecentDefinition,
        CssrsScreenerVersion.SinceLastVisit => SinceLastVisitDefinition,
    };

    /// <summary>
    /// CSSRS-VER-01 (clinical-spec §6.7): the Recent screener at intake, when there was no earlier C-SSRS, or when the
    /// last one was more than <see cref="InstrumentsProtocol.CssrsRecentScreenerAfterDays"/> calendar days ago
    /// (default 30 [C]); otherwise the Since-Last-Visit screener.
    /// </summary>
    /// <param name="isIntake">True at the intake visit.</param>
    /// <param name="lastCssrsOn">Date of the last C-SSRS (clinic local date), or null when none.</param>
    /// <param name="today">Today's date (clinic local date).</param>
    /// <param name="protocol">Supplies the day limit.</param>
    /// <exception cref="ArgumentOutOfRangeException">The last C-SSRS is dated after today.</exception>
    public static CssrsVersionChoice ChooseVersion(bool isIntake, DateOnly? lastCssrsOn, DateOnly today, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var limit = protocol.Instruments.CssrsRecentScreenerAfterDays;
        if (lastCssrsOn is { } last && last > today)
        {
            throw new ArgumentOutOfRangeException(nameof(lastCssrsOn), last, "The last C-SSRS cannot be dated after today.");
        }

        if (isIntake)
        {
            return Choice(CssrsScreenerVersion.Recent, "Intake visit: Recent screener (CSSRS-VER-01).");
        }

        if (lastCssrsOn is not { } lastOn)
        {
            return Choice(CssrsScreenerVersion.Recent, "No earlier C-SSRS on record: Recent screener (CSSRS-VER-01).");
        }

        var days = today.DayNumber - lastOn.DayNumber;
        return days > limit
            ? Choice(CssrsScreenerVersion.Recent, $"Last C-SSRS {days} days ago (> {limit}): Recent screener (CSSRS-VER-01).")
            : Choice(CssrsScreenerVersion.SinceLastVisit, $"Last C-SSRS {days} days ago (≤ {limit}): Since-Last-Visit screener (CSSRS-VER-01).");

        CssrsVersionChoice Choice(CssrsScreenerVersion version, string reason) =>
            new(version, DefinitionFor(version).Id, reason, protocol.Version);
    }

    /// <summary>
    /// Triage of a validated, complete screener (CSSRS-01…04). Q3–Q5 count only when Q2 = Yes and Q6a only when
    /// Q6 = Yes (answers to skipped questions are ignored, clinical-spec §6.6). On a form without Q6a, Q6 = Yes is
    /// High [C].
    /// </summary>
    internal static (CssrsRiskLevel Risk, RuleId Rule, string? DecidingItem) Triage(
        IReadOnlyDictionary<string, int> values,
        CssrsScreenerVersion version)
    {
        bool Yes(string linkId) => values.TryGetValue(linkId, out var v) && v == 1;

        var activeThoughts = Yes("2");
        var behavior = Yes("6");
        var recentBehavior = version switch
        {
            CssrsScreenerVersion.Recent => behavior && Yes("6a"),
            CssrsScreenerVersion.SinceLastVisit => behavior,
        };

        // CSSRS-01 (clinical-spec §6.6): Q4 or Q5 Yes, or behavior in the past 3 months (or since the last visit).
        if (activeThoughts && Yes("4"))
        {
            return (CssrsRiskLevel.High, HighRule, "4");
        }

        if (activeThoughts && Yes("5"))
        {
            return (CssrsRiskLevel.High, HighRule, "5");
        }

        if (recentBehavior)
        {
            return (CssrsRiskLevel.High, HighRule, version == CssrsScreenerVersion.Recent ? "6a" : "6");
        }

        // CSSRS-02: Q3 Yes, or behavior more than 3 months ago.
        if (activeThoughts && Yes("3"))
        {
            return (CssrsRiskLevel.Moderate, ModerateRule, "3");
        }

        if (behavior)
        {
            return (CssrsRiskLevel.Moderate, ModerateRule, "6a");
        }

        // CSSRS-03: Q1 or Q2 Yes.
        if (activeThoughts)
        {
            return (CssrsRiskLevel.Low, LowRule, "2");
        }

        return Yes("1") ? (CssrsRiskLevel.Low, LowRule, "1") : (CssrsRiskLevel.None, NoneRule, null);
    }
}
