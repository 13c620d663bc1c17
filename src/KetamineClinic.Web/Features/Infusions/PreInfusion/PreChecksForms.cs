namespace KetamineClinic.Web.Features.Infusions.PreInfusion;

/// <summary>The pre-check page's form models (never entities).</summary>
public sealed class PreChecksForms
{
    public decimal? WeightKg { get; set; }
    public ManualVitalsForm Vitals { get; private set; } = new();
    public string? EscortName { get; set; }
    public string? EscortPhone { get; set; }
    public string ConsentType { get; set; } = PreInfusionHandler.DefaultConsentType;
    public string? ConsentVersion { get; set; }
    public DateTime? ConsentSignedOn { get; set; }

    public DateTime? PregnancyTestOn { get; set; }

    /// <summary>"negative" / "positive" / "" (not tested).</summary>
    public string PregnancyResult { get; set; } = string.Empty;

    public string? NotOfReproductivePotentialReason { get; set; }
    public string? SignOffNote { get; set; }

    /// <summary>A fresh vitals form (new idempotency key) after a reading is saved.</summary>
    public void NewVitals() => Vitals = new ManualVitalsForm();
}
