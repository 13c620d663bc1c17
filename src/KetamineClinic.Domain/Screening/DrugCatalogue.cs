using System.Collections.Frozen;

namespace KetamineClinic.Domain.Screening;

/// <summary>Antidepressant classes used by ELIG-TRD and Thase–Rush staging (clinical-spec §1.1, §1.2).</summary>
public enum AntidepressantClass
{
    /// <summary>Selective serotonin reuptake inhibitor.</summary>
    Ssri,

    /// <summary>Serotonin–noradrenaline reuptake inhibitor.</summary>
    Snri,

    /// <summary>Tricyclic antidepressant (Thase–Rush stage III).</summary>
    Tca,

    /// <summary>Monoamine oxidase inhibitor (Thase–Rush stage IV).</summary>
    Maoi,

    /// <summary>Noradrenaline–dopamine reuptake inhibitor (bupropion).</summary>
    Ndri,

    /// <summary>Noradrenergic and specific serotonergic antidepressant (mirtazapine).</summary>
    NaSSA,

    /// <summary>Any other antidepressant (vortioxetine, vilazodone, trazodone…); one class for staging.</summary>
    Other,
}

/// <summary>Concomitant-medication classes that clinical-spec §2.4 rules act on.</summary>
public enum InteractionClass
{
    /// <summary>DDI-BZD-01 (and a CNS depressant for DDI-CNS-01).</summary>
    Benzodiazepine,

    /// <summary>DDI-LTG-01.</summary>
    Lamotrigine,

    /// <summary>DDI-NTX-01 (opioid antagonist).</summary>
    Naltrexone,

    /// <summary>DDI-MAOI-01.</summary>
    Maoi,

    /// <summary>DDI-STIM-01 (amphetamines, methylphenidate, modafinil…).</summary>
    Psychostimulant,

    /// <summary>DDI-CNS-01: CNS depressants, opioids, sedative-hypnotics.</summary>
    CnsDepressant,

    /// <summary>DDI-SSRI-01.</summary>
    Ssri,

    /// <summary>DDI-THEO-01: theophylline, aminophylline.</summary>
    Theophylline,
}

/// <summary>What the catalogue knows about one drug.</summary>
/// <param name="GenericName">Lower-case generic name.</param>
/// <param name="Antidepressant">Antidepressant class, or null when the drug is not an antidepressant.</param>
/// <param name="Interactions">§2.4 classes the drug belongs to (may be empty).</param>
public sealed record DrugInfo(string GenericName, AntidepressantClass? Antidepressant, IReadOnlySet<InteractionClass> Interactions);

/// <summary>
/// A small drug-name → class catalogue (generic names and a few US brand names, case-insensitive, formulation suffixes
/// such as XL/ER ignored). It is deliberately small: a drug it does not know can be classified explicitly by the caller,
/// and an unclassified active medication raises DDI-CAT-01 so nobody mistakes "unknown" for "no interaction".
/// </summary>
public static class DrugCatalogue
{
    private static readonly FrozenSet<string> FormulationTokens = new[]
    {
        "xl", "xr", "er", "sr", "cr", "ir", "la", "cd", "odt", "dr", "ec", "hcl", "hydrochloride", "tablet", "tablets", "capsule", "capsules",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, DrugInfo> ByGeneric = BuildGenerics();

    private static readonly FrozenDictionary<string, string> Brands = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["prozac"] = "fluoxetine",
        ["zoloft"] = "sertraline",
        ["paxil"] = "paroxetine",
        ["celexa"] = "citalopram",
        ["lexapro"] = "escitalopram",
        ["effexor"] = "venlafaxine",
        ["pristiq"] = "desvenlafaxine",
        ["cymbalta"] = "duloxetine",
        ["fetzima"] = "levomilnacipran",
        ["pamelor"] = "nortriptyline",
        ["elavil"] = "amitriptyline",
        ["anafranil"] = "clomipramine",
        ["nardil"] = "phenelzine",
        ["parnate"] = "tranylcypromine",
        ["marplan"] = "isocarboxazid",
        ["emsam"] = "selegiline",
        ["wellbutrin"] = "bupropion",
        ["remeron"] = "mirtazapine",
        ["trintellix"] = "vortioxetine",
        ["viibryd"] = "vilazodone",
        ["xanax"] = "alprazolam",
        ["klonopin"] = "clonazepam",
        ["ativan"] = "lorazepam",
        ["valium"] = "diazepam",
        ["restoril"] = "temazepam",
        ["halcion"] = "triazolam",
        ["librium"] = "chlordiazepoxide",
        ["ambien"] = "zolpidem",
        ["lunesta"] = "eszopiclone",
        ["oxycontin"] = "oxycodone",
        ["percocet"] = "oxycodone",
        ["vicodin"] = "hydrocodone",
        ["ultram"] = "tramadol",
        ["adderall"] = "amphetamine",
        ["vyvanse"] = "lisdexamfetamine",
        ["ritalin"] = "methylphenidate",
        ["concerta"] = "methylphenidate",
        ["focalin"] = "dexmethylphenidate",
        ["provigil"] = "modafinil",
        ["nuvigil"] = "armodafinil",
        ["lamictal"] = "lamotrigine",
        ["revia"] = "naltrexone",
        ["vivitrol"] = "naltrexone",
        ["theo-24"] = "theophylline",
        ["uniphyl"] = "theophylline",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Lower-cases (invariant), trims, collapses spaces and drops formulation words (XL, ER, SR, HCl…), so
    /// "Bupropion XL" and "bupropion" compare equal.
    /// </summary>
    public static string Normalise(string drugName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(drugName);
        var tokens = drugName.Trim().ToLowerInvariant()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var kept = tokens.Where(t => !FormulationTokens.Contains(t)).ToArray();
        return kept.Length == 0 ? string.Join(' ', tokens) : string.Join(' ', kept);
    }

    /// <summary>The drug's entry (by generic or brand name), or null when the catalogue does not know it.</summary>
    public static DrugInfo? Lookup(string drugName)
    {
        var name = Normalise(drugName);
        if (Brands.TryGetValue(name, out var generic))
        {
            name = generic;
        }
        return ByGeneric.GetValueOrDefault(name);
    }

    /// <summary>The generic name the catalogue maps a name to; the normalised name itself when the drug is unknown.</summary>
    public static string GenericNameOf(string drugName) => Lookup(drugName)?.GenericName ?? Normalise(drugName);

    private static FrozenDictionary<string, DrugInfo> BuildGenerics()
    {
        var d = new Dictionary<string, DrugInfo>(StringComparer.Ordinal);

        void Add(AntidepressantClass? ad, InteractionClass[] interactions, params string[] names)
        {
            foreach (var n in names)
            {
                d.Add(n, new DrugInfo(n, ad, interactions.ToFrozenSet()));
            }
        }

        InteractionClass[] none = [];
        InteractionClass[] bzd = [InteractionClass.Benzodiazepine, InteractionClass.CnsDepressant];
        InteractionClass[] cns = [InteractionClass.CnsDepressant];

        Add(AntidepressantClass.Ssri, [InteractionClass.Ssri], "fluoxetine", "sertraline", "paroxetine", "citalopram", "escitalopram", "fluvoxamine");
        Add(AntidepressantClass.Snri, none, "venlafaxine", "desvenlafaxine", "duloxetine", "levomilnacipran", "milnacipran");
        Add(AntidepressantClass.Tca, none, "amitriptyline", "nortriptyline", "imipramine", "desipramine", "clomipramine", "doxepin", "protriptyline", "trimipramine");
        Add(AntidepressantClass.Maoi, [InteractionClass.Maoi], "phenelzine", "tranylcypromine", "isocarboxazid", "selegiline", "moclobemide");
        Add(AntidepressantClass.Ndri, none, "bupropion");
        Add(AntidepressantClass.NaSSA, none, "mirtazapine");
        Add(AntidepressantClass.Other, none, "vortioxetine", "vilazodone", "trazodone", "nefazodone", "agomelatine");

        Add(null, bzd, "alprazolam", "clonazepam", "lorazepam", "diazepam", "chlordiazepoxide", "oxazepam", "temazepam", "clobazam", "triazolam", "nitrazepam", "clorazepate", "midazolam");
        Add(null, cns, "zolpidem", "zaleplon", "zopiclone", "eszopiclone", "phenobarbital", "butalbital");
        Add(null, cns, "oxycodone", "hydrocodone", "morphine", "hydromorphone", "oxymorphone", "fentanyl", "codeine", "tramadol", "tapentadol", "methadone", "buprenorphine");
        Add(null, [InteractionClass.Naltrexone], "naltrexone");
        Add(null, [InteractionClass.Lamotrigine], "lamotrigine");
        Add(null, [InteractionClass.Psychostimulant], "amphetamine", "dextroamphetamine", "lisdexamfetamine", "methamphetamine", "methylphenidate", "dexmethylphenidate", "modafinil", "armodafinil");
        Add(null, [InteractionClass.Theophylline], "theophylline", "aminophylline");

        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
