namespace KetamineClinic.Domain.Safety;

/// <summary>
/// Suicide-risk escalation levels (clinical-spec §8.1). Ordered: a higher value is more severe, so the
/// highest level wins (SI-ESC-01).
/// </summary>
public enum SuicideRiskLevel
{
    /// <summary>No trigger fired.</summary>
    None = 0,

    /// <summary>Same-session clinician review before infusion; C-SSRS; safety plan; 988 information.</summary>
    SI1 = 1,

    /// <summary>Clinician assessment before infusion or discharge; safety plan; lethal-means counselling; follow-up within 72 h; Flag.</summary>
    SI2 = 2,

    /// <summary>Immediate clinician evaluation; not left alone; infusion only on physician decision; high-priority Flag; Task to medical director.</summary>
    SI3 = 3,

    /// <summary>Imminent danger: 911 / emergency services; document hand-off.</summary>
    SI4 = 4,
}
