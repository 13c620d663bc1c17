namespace KetamineClinic.Domain.Instruments;

/// <summary>Stable instrument ids (questionnaire canonical ids, keys of <see cref="InstrumentCatalog"/>).</summary>
public static class InstrumentIds
{
    /// <summary>PHQ-9 (clinical-spec §6.2).</summary>
    public const string Phq9 = "phq-9";

    /// <summary>GAD-7 (clinical-spec §6.1).</summary>
    public const string Gad7 = "gad-7";

    /// <summary>QIDS-SR16 (clinical-spec §6.4).</summary>
    public const string QidsSr16 = "qids-sr16";

    /// <summary>MADRS (clinical-spec §6.3).</summary>
    public const string Madrs = "madrs";

    /// <summary>HAM-D17 (clinical-spec §6.5).</summary>
    public const string Hamd17 = "hamd-17";

    /// <summary>C-SSRS screener, Recent version with the 3-month follow-up Q6a (clinical-spec §6.6).</summary>
    public const string CssrsRecent = "cssrs-screener-recent";

    /// <summary>C-SSRS screener, Since-Last-Visit version without Q6a, local item codes (CSSRS-VER-01).</summary>
    public const string CssrsSinceLastVisit = "cssrs-screener-since-last-visit";

    /// <summary>CADSS, 23-item version (clinical-spec §4.4).</summary>
    public const string Cadss23 = "cadss-23";

    /// <summary>MOAA/S sedation scale (clinical-spec §4.4).</summary>
    public const string Moaas = "moaas";

    /// <summary>BPRS positive-symptom subscale (clinical-spec §4.4).</summary>
    public const string BprsPositive = "bprs-positive";

    /// <summary>Beck Scale for Suicide Ideation (clinical-spec §6.1).</summary>
    public const string BeckSsi = "beck-ssi";
}
