using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Screening.TreatmentResistance;

namespace KetamineClinic.Domain.Screening;

/// <summary>
/// An active concomitant medication (FHIR MedicationStatement). Classes are the catalogue's plus any given explicitly,
/// so a clinician can classify a drug the catalogue does not know.
/// </summary>
public sealed record ConcomitantMedication
{
    /// <summary>Creates a medication entry.</summary>
    /// <param name="name">Generic or brand name.</param>
    /// <param name="dailyDoseMg">Total daily dose in mg (needed for DDI-BZD-01), 0 or more, or null when unknown.</param>
    /// <param name="explicitClasses">Classes added by the clinician (optional).</param>
    public ConcomitantMedication(string name, decimal? dailyDoseMg = null, IEnumerable<InteractionClass>? explicitClasses = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (dailyDoseMg is < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(dailyDoseMg), dailyDoseMg, "A daily dose cannot be negative (mg/day).");
        }
        var explicitSet = (explicitClasses ?? []).ToHashSet();
        foreach (var c in explicitSet)
        {
            if (!Enum.IsDefined(c))
            {
                throw new ArgumentOutOfRangeException(nameof(explicitClasses), c, "Unknown interaction class.");
            }
        }
        Name = name.Trim();
        DailyDoseMg = dailyDoseMg;
        var known = DrugCatalogue.Lookup(name);
        KnownToCatalogue = known is not null;
        var classes = new HashSet<InteractionClass>(known?.Interactions ?? new HashSet<InteractionClass>());
        classes.UnionWith(explicitSet);
        ClassifiedExplicitly = explicitSet.Count > 0;
        Classes = classes.Order().ToList();
    }

    /// <summary>Name as entered.</summary>
    public string Name { get; }

    /// <summary>Total daily dose, mg/day, or null when unknown.</summary>
    public decimal? DailyDoseMg { get; }

    /// <summary>All §2.4 classes of the drug (catalogue ∪ explicit), sorted.</summary>
    public IReadOnlyList<InteractionClass> Classes { get; }

    /// <summary>True when the catalogue recognised the name.</summary>
    public bool KnownToCatalogue { get; }

    /// <summary>True when the clinician gave classes explicitly.</summary>
    public bool ClassifiedExplicitly { get; }

    /// <summary>True when the drug belongs to <paramref name="c"/>.</summary>
    public bool Is(InteractionClass c) => Classes.Contains(c);
}

/// <summary>Result of the §2.4 interaction rules.</summary>
/// <param name="Findings">Every interaction finding.</param>
/// <param name="ExtendsObservationMinutes">Minutes DDI-CNS-01 adds to the minimum observation time (input to DC-01); 0 when it did not fire.</param>
/// <param name="EnhancedBloodPressureMonitoring">True when DDI-MAOI-01 or DDI-STIM-01 fired.</param>
/// <param name="DiazepamEquivalentMgPerDay">Total benzodiazepine dose in mg diazepam-equivalent/day over the drugs the table covers; null when no benzodiazepine.</param>
/// <param name="EquivalenceTableSignedOff">Whether the diazepam table used was signed off.</param>
/// <param name="ProtocolVersion">Protocol used.</param>
public sealed record InteractionAssessment(
    IReadOnlyList<RuleFinding> Findings,
    int ExtendsObservationMinutes,
    bool EnhancedBloodPressureMonitoring,
    decimal? DiazepamEquivalentMgPerDay,
    bool EquivalenceTableSignedOff,
    ProtocolVersion ProtocolVersion);

/// <summary>Interacting-medication rules (clinical-spec §2.4).</summary>
public static class DrugInteractions
{
    /// <summary>DDI-BZD-01 (S47): WARN above this many mg diazepam-equivalent/day.</summary>
    public const decimal BenzodiazepineWarnAboveDiazepamEqMgPerDay = 8m;

    private static readonly string[] BzdSources = ["S47", "S48", "C"];
    private static readonly string[] LtgSources = ["S50", "S51"];
    private static readonly string[] NtxSources = ["S52", "S53"];
    private static readonly string[] MaoiSources = ["S3", "S38"];
    private static readonly string[] StimSources = ["S3"];
    private static readonly string[] CnsSources = ["S1", "S4", "S5", "C"];
    private static readonly string[] SsriSources = ["S28"];
    private static readonly string[] TheoSources = ["S4"];
    private static readonly string[] BzdExclusionSources = ["S37", "S38", "C"];

    /// <summary>Evaluates every active medication.</summary>
    public static InteractionAssessment Evaluate(IEnumerable<ConcomitantMedication> medications, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(medications);
        ArgumentNullException.ThrowIfNull(protocol);
        var policy = protocol.Eligibility;
        var meds = medications.ToList();
        foreach (var m in meds)
        {
            ArgumentNullException.ThrowIfNull(m, nameof(medications));
        }
        var findings = new List<RuleFinding>();

        string Names(InteractionClass c) => string.Join(", ", meds.Where(m => m.Is(c)).Select(m => m.Name));
        bool Any(InteractionClass c) => meds.Any(m => m.Is(c));

        // DDI-THEO-01 (S4, Ketalar §7.1 "do not co-administer"): HARD STOP, physician override with reason.
        if (Any(InteractionClass.Theophylline))
        {
            findings.Add(new RuleFinding(ScreeningRules.Theophylline, Enforcement.HardStop,
                Invariant($"DDI-THEO-01: {Names(InteractionClass.Theophylline)} active; the ketamine label says do not co-administer (lower seizure threshold). Physician override with reason required."),
                TheoSources, ClinicalAuthority.Physician));
        }

        var (diazepamEq, bzdFindings) = Benzodiazepines(meds, policy);
        findings.AddRange(bzdFindings);

        // DDI-NTX-01 (S52): naltrexone may weaken the antidepressant effect; physician decision recorded.
        if (Any(InteractionClass.Naltrexone))
        {
            findings.Add(new RuleFinding(ScreeningRules.Naltrexone, Enforcement.Warn,
                Invariant($"DDI-NTX-01: {Names(InteractionClass.Naltrexone)} active; opioid antagonism may weaken ketamine's antidepressant effect. Physician decision recorded."),
                NtxSources, ClinicalAuthority.Physician));
        }

        // DDI-MAOI-01 (S3): WARN plus enhanced BP monitoring profile.
        var maoi = Any(InteractionClass.Maoi);
        if (maoi)
        {
            findings.Add(new RuleFinding(ScreeningRules.Maoi, Enforcement.Warn,
                Invariant($"DDI-MAOI-01: MAOI {Names(InteractionClass.Maoi)} active; blood pressure can rise. Enhanced BP monitoring profile."),
                MaoiSources, ClinicalAuthority.Physician));
        }

        // DDI-STIM-01 (S3): WARN plus enhanced BP monitoring.
        var stimulant = Any(InteractionClass.Psychostimulant);
        if (stimulant)
        {
            findings.Add(new RuleFinding(ScreeningRules.Stimulants, Enforcement.Warn,
                Invariant($"DDI-STIM-01: psychostimulant {Names(InteractionClass.Psychostimulant)} active; blood pressure can rise. Enhanced BP monitoring; apply the clinic's policy on holding the morning dose."),
                StimSources, ClinicalAuthority.Physician));
        }

        // DDI-CNS-01 (S1, S4, S5): WARN; extend the minimum observation time (DC-01) by +30 min [C].
        var extension = 0;
        if (Any(InteractionClass.CnsDepressant))
        {
            extension = policy.CnsDepressantObservationExtensionMinutes;
            findings.Add(new RuleFinding(ScreeningRules.CnsDepressants, Enforcement.Warn,
                Invariant($"DDI-CNS-01: CNS depressant/opioid/sedative-hypnotic {Names(InteractionClass.CnsDepressant)} active; risk of profound sedation and respiratory depression. Minimum observation extended by +{extension} min."),
                CnsSources, ClinicalAuthority.Physician));
        }

        // DDI-LTG-01 (S50, S51): INFO only.
        if (Any(InteractionClass.Lamotrigine))
        {
            findings.Add(new RuleFinding(ScreeningRules.Lamotrigine, Enforcement.Info,
                Invariant($"DDI-LTG-01: lamotrigine ({Names(InteractionClass.Lamotrigine)}) active; no strong evidence it blocks the antidepressant effect. Some clinics hold the dose on the infusion day."),
                LtgSources));
        }

        // DDI-SSRI-01 (S28): INFO only.
        if (Any(InteractionClass.Ssri))
        {
            findings.Add(new RuleFinding(ScreeningRules.Ssri, Enforcement.Info,
                Invariant($"DDI-SSRI-01: SSRI {Names(InteractionClass.Ssri)} active; higher BP peaks were seen with concomitant SSRIs in one observational cohort."),
                SsriSources));
        }

        // DDI-CAT-01 (own id): an active medication the catalogue does not know and nobody classified.
        foreach (var m in meds.Where(m => !m.KnownToCatalogue && !m.ClassifiedExplicitly))
        {
            findings.Add(new RuleFinding(ScreeningRules.UnclassifiedMedication, Enforcement.Info,
                Invariant($"DDI-CAT-01: {m.Name} is not in the interaction catalogue and has no class; classify it so the interaction rules can check it."),
                ["C"]));
        }

        return new InteractionAssessment(findings, extension, maoi || stimulant, diazepamEq, policy.BenzodiazepineEquivalents.SignedOff, protocol.Version);
    }

    private static (decimal? DiazepamEq, List<RuleFinding> Findings) Benzodiazepines(List<ConcomitantMedication> meds, EligibilityProtocol policy)
    {
        var findings = new List<RuleFinding>();
        var bzds = meds.Where(m => m.Is(InteractionClass.Benzodiazepine)).ToList();
        if (bzds.Count == 0)
        {
            return (null, findings);
        }

        var table = policy.BenzodiazepineEquivalents;
        var total = 0m;
        var parts = new List<string>();
        var unconvertible = new List<string>();
        foreach (var m in bzds)
        {
            var factor = table.FactorFor(m.Name);
            if (factor is null || m.DailyDoseMg is null)
            {
                unconvertible.Add(m.DailyDoseMg is null ? Invariant($"{m.Name} (daily dose unknown)") : Invariant($"{m.Name} (not in the conversion table)"));
                continue;
            }
            var eq = checked(m.DailyDoseMg.Value * factor.Value);
            total = checked(total + eq);
            parts.Add(Invariant($"{m.Name} {Fmt(m.DailyDoseMg.Value)} mg × {Fmt(factor.Value)} = {Fmt(eq)} mg"));
        }

        var signed = table.SignedOff
            ? "conversion table signed off by the medical director"
            : "conversion table NOT signed off by the medical director (placeholder factors)";
        var breakdown = parts.Count == 0 ? "nothing convertible" : string.Join("; ", parts);

        // DDI-BZD-01 (clinical-spec §2.4, S47): WARN when > 8 mg diazepam-equivalent/day. A dose the table cannot
        // convert also WARNs: an unknown total must not pass silently.
        if (total > BenzodiazepineWarnAboveDiazepamEqMgPerDay || unconvertible.Count > 0)
        {
            var why = total > BenzodiazepineWarnAboveDiazepamEqMgPerDay
                ? Invariant($"total {Fmt(total)} mg diazepam-equivalent/day > {Fmt(BenzodiazepineWarnAboveDiazepamEqMgPerDay)} mg")
                : Invariant($"total cannot be computed for {string.Join(", ", unconvertible)}; computed part {Fmt(total)} mg diazepam-equivalent/day");
            var unknown = unconvertible.Count > 0 && total > BenzodiazepineWarnAboveDiazepamEqMgPerDay ? Invariant($"; not converted: {string.Join(", ", unconvertible)}") : "";
            findings.Add(new RuleFinding(ScreeningRules.Benzodiazepines, Enforcement.Warn,
                Invariant($"DDI-BZD-01: {why} ({breakdown}{unknown}); {signed}. Benzodiazepines may dampen the antidepressant effect; record doses held on the infusion day."),
                BzdSources, ClinicalAuthority.Physician));
        }
        else
        {
            findings.Add(new RuleFinding(ScreeningRules.Benzodiazepines, Enforcement.Info,
                Invariant($"DDI-BZD-01: total {Fmt(total)} mg diazepam-equivalent/day ≤ {Fmt(BenzodiazepineWarnAboveDiazepamEqMgPerDay)} mg ({breakdown}); {signed}. Record doses held on the infusion day."),
                BzdSources));
        }

        // ELIG-EXC-BZD-01 (§1.5, S37/S38, own id): optional trial-style exclusion in lorazepam-equivalents.
        if (policy.BenzodiazepineExclusionAboveLorazepamEqMgPerDay is { } limit)
        {
            var lorazepamFactor = table.FactorFor("lorazepam");
            var lorazepamEq = lorazepamFactor is { } lf ? total / lf : (decimal?)null;
            if (lorazepamEq is null || lorazepamEq > limit || unconvertible.Count > 0)
            {
                var level = policy.BenzodiazepineExclusionLevel;
                var amount = lorazepamEq is { } l
                    ? Invariant($"{Fmt(decimal.Round(l, 3, MidpointRounding.AwayFromZero))} mg lorazepam-equivalent/day{(unconvertible.Count > 0 ? " (incomplete)" : "")}")
                    : "lorazepam-equivalent unknown (lorazepam missing from the conversion table)";
                findings.Add(new RuleFinding(ScreeningRules.BenzodiazepineExclusion, level,
                    Invariant($"ELIG-EXC-BZD-01: {amount}; the clinic excludes above {Fmt(limit)} mg lorazepam-equivalent/day ({Contraindications.Describe(level)}); {signed}."),
                    BzdExclusionSources, ContraindicationCatalogue.AuthorityFor(level)));
            }
        }

        return (total, findings);
    }
}
