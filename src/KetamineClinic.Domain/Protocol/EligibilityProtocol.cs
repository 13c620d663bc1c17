using System.Collections.Frozen;
using System.Globalization;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Screening;

namespace KetamineClinic.Domain.Protocol;

/// <summary>
/// Eligibility, staging, contraindication and interaction policy (clinical-spec §1, §2.2, §2.4): every [C] value the
/// screening rules read. <see cref="Default"/> holds the spec's defaults; the two drug tables it ships are
/// placeholders marked unsigned until the medical director signs them off (clinical-spec §0, §1.1, §2.4).
/// </summary>
public sealed record EligibilityProtocol
{
    /// <summary>The spec's defaults, with both drug tables unsigned.</summary>
    public static EligibilityProtocol Default { get; } = new();

    /// <summary>
    /// ELIG-TRD-02 (clinical-spec §1.1, [C] from S11): minimum weeks at the target dose for an adequate trial.
    /// Default 4; allowed 4–6 inclusive.
    /// </summary>
    public decimal MinTrialWeeks
    {
        get;
        init
        {
            if (value is < 4m or > 6m)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "ELIG-TRD-02: minTrialWeeks must be 4–6 weeks (clinical-spec §1.1).");
            }
            field = value;
        }
    } = 4m;

    /// <summary>ELIG-TRD-02: the clinic's minimum effective dose per antidepressant (mg/day). Shipped unsigned.</summary>
    public AntidepressantDoseTable MinimumEffectiveDoses
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = AntidepressantDoseTable.Default;

    /// <summary>
    /// ELIG-INC-TRD-01 (clinical-spec §1.4, [C]): adequate non-response trials in the current episode a patient needs
    /// to be inside the clinic's protocol. Default 2 (ELIG-TRD-01); allowed 2–3 (some trials required ≥3, S38).
    /// </summary>
    public int RequiredAdequateFailures
    {
        get;
        init
        {
            if (value is < 2 or > 3)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "ELIG-INC-TRD-01: required adequate failures must be 2 or 3 (clinical-spec §1.1, §1.4).");
            }
            field = value;
        }
    } = 2;

    /// <summary>
    /// ELIG-INC-TRD-01: how a patient below <see cref="RequiredAdequateFailures"/> is held. Default HARD STOP
    /// (physician override with the indication as reason); Warn or Block allowed, Info is not (it would not hold).
    /// </summary>
    public Enforcement NotTreatmentResistantLevel
    {
        get;
        init
        {
            if (value is Enforcement.Info || !Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "ELIG-INC-TRD-01: the level must be Warn, HardStop or Block.");
            }
            field = value;
        }
    } = Enforcement.HardStop;

    /// <summary>
    /// ELIG-INC-AGE-02 (clinical-spec §1.4, [C]): youngest age in completed years the clinic treats. Default 18; allowed
    /// 18–100 (the platform is for adults: under 18 is ELIG-INC-AGE-01, a BLOCK).
    /// </summary>
    public int MinimumAgeYears
    {
        get;
        init
        {
            if (value is < 18 or > 100)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "ELIG-INC-AGE-02: minimum age must be 18–100 years.");
            }
            field = value;
        }
    } = 18;

    /// <summary>
    /// ELIG-INC-AGE-02 (clinical-spec §1.4, [C]): oldest age in completed years the clinic treats; null = no upper limit
    /// (the default: older patients get the CI-REL-07 WARN instead). Allowed 18–120.
    /// </summary>
    public int? MaximumAgeYears
    {
        get;
        init
        {
            if (value is < 18 or > 120)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "ELIG-INC-AGE-02: maximum age must be 18–120 years or unset.");
            }
            field = value;
        }
    }

    /// <summary>CI-REL-07 (clinical-spec §2.2, [C]): WARN when age in completed years is above this. Default 65; allowed 50–100.</summary>
    public int OlderAdultWarnAboveYears
    {
        get;
        init
        {
            if (value is < 50 or > 100)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "CI-REL-07: the older-adult threshold must be 50–100 years.");
            }
            field = value;
        }
    } = 65;

    /// <summary>
    /// PREG-01 (clinical-spec §2.2, re-test interval [C]): days a negative pregnancy test stays valid for a person of
    /// reproductive potential. Default 30; allowed 1–90.
    /// </summary>
    public int PregnancyTestValidDays
    {
        get;
        init
        {
            if (value is < 1 or > 90)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "PREG-01: the pregnancy re-test interval must be 1–90 days.");
            }
            field = value;
        }
    } = 30;

    /// <summary>
    /// Contraindication levels stricter than the spec's §2.2 classification (for example substance use disorder raised
    /// to HARD STOP, the §1.5 exclusion reading). Empty by default (= §2.2). A level may only be raised, never lowered.
    /// </summary>
    public IReadOnlyDictionary<ConditionKind, Enforcement> StricterContraindicationLevels
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var (kind, level) in value)
            {
                var spec = ContraindicationCatalogue.For(kind).SpecLevel;
                if (!Enum.IsDefined(level) || level < spec)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), level, $"{kind}: a clinic may raise the §2.2 level ({spec}) but never lower it.");
                }
            }
            field = value.ToFrozenDictionary();
        }
    } = FrozenDictionary<ConditionKind, Enforcement>.Empty;

    /// <summary>ELIG-EXC-KET-01 (clinical-spec §1.5, S61): days before evaluation in which non-clinic ketamine use counts. Default 90; allowed 0–365 (0 = off).</summary>
    public int RecentKetamineUseWindowDays
    {
        get;
        init
        {
            if (value is < 0 or > 365)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "ELIG-EXC-KET-01: the window must be 0–365 days.");
            }
            field = value;
        }
    } = 90;

    /// <summary>ELIG-EXC-KET-01: level for recent non-clinic ketamine use. Default WARN (the §2.2 substance-use row); Warn, HardStop or Block.</summary>
    public Enforcement RecentKetamineUseLevel
    {
        get;
        init
        {
            if (value is Enforcement.Info || !Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "ELIG-EXC-KET-01: the level must be Warn, HardStop or Block.");
            }
            field = value;
        }
    } = Enforcement.Warn;

    /// <summary>
    /// ELIG-EXC-BZD-01 (clinical-spec §1.5, S37/S38): optional trial-style exclusion above this many mg
    /// lorazepam-equivalent/day (S38 used 2, S37 used 3). Null (the default) = off: benzodiazepines are handled by
    /// DDI-BZD-01 as §2.4 says. Allowed 0.5–20 mg.
    /// </summary>
    public decimal? BenzodiazepineExclusionAboveLorazepamEqMgPerDay
    {
        get;
        init
        {
            if (value is < 0.5m or > 20m)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "ELIG-EXC-BZD-01: the threshold must be 0.5–20 mg lorazepam-equivalent/day or unset.");
            }
            field = value;
        }
    }

    /// <summary>ELIG-EXC-BZD-01: level when the exclusion threshold is exceeded. Default HARD STOP; Warn, HardStop or Block.</summary>
    public Enforcement BenzodiazepineExclusionLevel
    {
        get;
        init
        {
            if (value is Enforcement.Info || !Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "ELIG-EXC-BZD-01: the level must be Warn, HardStop or Block.");
            }
            field = value;
        }
    } = Enforcement.HardStop;

    /// <summary>DDI-BZD-01 (clinical-spec §2.4, [C]): benzodiazepine → diazepam-equivalent factors. Shipped unsigned.</summary>
    public BenzodiazepineEquivalenceTable BenzodiazepineEquivalents
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = BenzodiazepineEquivalenceTable.Default;

    /// <summary>
    /// DDI-CNS-01 / DC-01 (clinical-spec §2.4, §5.1, [C]): minutes added to the minimum observation time when a CNS
    /// depressant, opioid or sedative-hypnotic is active. Default 30; allowed 0–240.
    /// </summary>
    public int CnsDepressantObservationExtensionMinutes
    {
        get;
        init
        {
            if (value is < 0 or > 240)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "DDI-CNS-01: the observation extension must be 0–240 minutes.");
            }
            field = value;
        }
    } = 30;

    /// <summary>Throws when two settings contradict each other (minimum age above maximum age).</summary>
    public void EnsureConsistent()
    {
        if (MaximumAgeYears is { } max && max < MinimumAgeYears)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"ELIG-INC-AGE-02: maximum age {max} is below minimum age {MinimumAgeYears}."));
        }
    }
}

/// <summary>
/// ELIG-TRD-02 (clinical-spec §1.1): the clinic's minimum effective antidepressant doses, mg/day, keyed by generic name
/// (case-insensitive). The spec names MGH-ATRQ / ATHF as examples [K] but fixes no numbers, so the shipped
/// <see cref="Default"/> is a PLACEHOLDER of commonly published MGH-ATRQ-style minimums with
/// <see cref="SignedOff"/> = false: the medical director must review every row and sign it off before go-live.
/// </summary>
public sealed record AntidepressantDoseTable
{
    /// <summary>Creates a table; every dose must be above 0 mg/day.</summary>
    /// <param name="minimumDosesMgPerDay">Generic drug name → minimum effective dose in mg/day.</param>
    /// <param name="signedOff">True only once the medical director has signed this table off.</param>
    public AntidepressantDoseTable(IEnumerable<KeyValuePair<string, decimal>> minimumDosesMgPerDay, bool signedOff)
    {
        ArgumentNullException.ThrowIfNull(minimumDosesMgPerDay);
        var table = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (drug, mg) in minimumDosesMgPerDay)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(drug, nameof(minimumDosesMgPerDay));
            if (mg <= 0m)
            {
                throw new ArgumentOutOfRangeException(nameof(minimumDosesMgPerDay), mg, $"ELIG-TRD-02: minimum dose for {drug} must be above 0 mg/day.");
            }
            table[DrugCatalogue.Normalise(drug)] = mg;
        }
        MinimumDosesMgPerDay = table.ToFrozenDictionary(StringComparer.Ordinal);
        SignedOff = signedOff;
    }

    /// <summary>
    /// Placeholder minimum effective doses (mg/day), NOT signed off. Values are the commonly published MGH-ATRQ-style
    /// minimums, chosen only so the software works out of the box; the medical director must confirm each one.
    /// </summary>
    public static AntidepressantDoseTable Default { get; } = new(
        new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            // SSRIs
            ["fluoxetine"] = 20m,
            ["sertraline"] = 50m,
            ["paroxetine"] = 20m,
            ["citalopram"] = 20m,
            ["escitalopram"] = 10m,
            ["fluvoxamine"] = 100m,
            // SNRIs
            ["venlafaxine"] = 150m,
            ["desvenlafaxine"] = 50m,
            ["duloxetine"] = 60m,
            ["levomilnacipran"] = 40m,
            // TCAs
            ["amitriptyline"] = 150m,
            ["nortriptyline"] = 75m,
            ["imipramine"] = 150m,
            ["desipramine"] = 150m,
            ["clomipramine"] = 150m,
            ["doxepin"] = 150m,
            // MAOIs
            ["phenelzine"] = 45m,
            ["tranylcypromine"] = 30m,
            ["isocarboxazid"] = 30m,
            // NDRI, NaSSA, others
            ["bupropion"] = 300m,
            ["mirtazapine"] = 15m,
            ["vortioxetine"] = 10m,
            ["vilazodone"] = 20m,
            ["trazodone"] = 300m,
        },
        signedOff: false);

    /// <summary>Normalised generic name → minimum effective dose, mg/day.</summary>
    public IReadOnlyDictionary<string, decimal> MinimumDosesMgPerDay { get; }

    /// <summary>True once the medical director has signed the table off; false for the shipped placeholder.</summary>
    public bool SignedOff { get; }

    /// <summary>The minimum effective dose in mg/day for a drug (any spelling the catalogue knows), or null when the table has none.</summary>
    public decimal? MinimumMgPerDay(string drug) =>
        MinimumDosesMgPerDay.TryGetValue(DrugCatalogue.GenericNameOf(drug), out var mg) ? mg : null;
}

/// <summary>
/// DDI-BZD-01 (clinical-spec §2.4, [C]): how many mg of diazepam one mg of each benzodiazepine counts as. The spec sets
/// NO factors and requires medical-director sign-off, so the shipped <see cref="Default"/> is a PLACEHOLDER of commonly
/// published (Ashton-style) equivalences with <see cref="SignedOff"/> = false, and DDI-BZD-01 says so in its message.
/// </summary>
public sealed record BenzodiazepineEquivalenceTable
{
    /// <summary>Creates a table; every factor must be above 0.</summary>
    /// <param name="diazepamMgPerMg">Generic benzodiazepine name → mg diazepam per mg of that drug.</param>
    /// <param name="signedOff">True only once the medical director has signed this table off.</param>
    public BenzodiazepineEquivalenceTable(IEnumerable<KeyValuePair<string, decimal>> diazepamMgPerMg, bool signedOff)
    {
        ArgumentNullException.ThrowIfNull(diazepamMgPerMg);
        var table = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (drug, factor) in diazepamMgPerMg)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(drug, nameof(diazepamMgPerMg));
            if (factor <= 0m)
            {
                throw new ArgumentOutOfRangeException(nameof(diazepamMgPerMg), factor, $"DDI-BZD-01: the diazepam factor for {drug} must be above 0.");
            }
            table[DrugCatalogue.Normalise(drug)] = factor;
        }
        DiazepamMgPerMg = table.ToFrozenDictionary(StringComparer.Ordinal);
        SignedOff = signedOff;
    }

    /// <summary>
    /// Placeholder factors, NOT signed off (mg diazepam per mg; e.g. lorazepam 1 mg ≈ diazepam 10 mg). Commonly
    /// published equivalences, chosen only so the software works out of the box; the medical director must confirm them.
    /// </summary>
    public static BenzodiazepineEquivalenceTable Default { get; } = new(
        new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["diazepam"] = 1m,
            ["alprazolam"] = 20m,
            ["clonazepam"] = 20m,
            ["lorazepam"] = 10m,
            ["triazolam"] = 20m,
            ["chlordiazepoxide"] = 0.4m,
            ["oxazepam"] = 0.5m,
            ["temazepam"] = 0.5m,
            ["clobazam"] = 0.5m,
            ["nitrazepam"] = 1m,
        },
        signedOff: false);

    /// <summary>Normalised generic name → mg diazepam per mg.</summary>
    public IReadOnlyDictionary<string, decimal> DiazepamMgPerMg { get; }

    /// <summary>True once the medical director has signed the table off; false for the shipped placeholder.</summary>
    public bool SignedOff { get; }

    /// <summary>The diazepam factor for a drug (any spelling the catalogue knows), or null when the table has none.</summary>
    public decimal? FactorFor(string drug) =>
        DiazepamMgPerMg.TryGetValue(DrugCatalogue.GenericNameOf(drug), out var factor) ? factor : null;
}
