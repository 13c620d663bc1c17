namespace KetamineClinic.Domain.Infusions;

/// <summary>
/// Which body weight a dose is calculated on (clinical-spec §3.2, <c>DOSE-WT-01</c>).
/// </summary>
public enum WeightBasis
{
    /// <summary>Actual (measured) body weight, ABW: the pivotal trials' basis [S33, S27]. The default.</summary>
    Actual,

    /// <summary>Ideal body weight by Devine [S16].</summary>
    Ideal,

    /// <summary>Adjusted body weight: IBW + 0.4 × (ABW − IBW) [S16].</summary>
    Adjusted,
}
