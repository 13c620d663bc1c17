using KetamineClinic.Domain.Instruments;

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

    /// <summary>PHQ-9 items 1–9 (0–3); null = not answered.</summary>
    public int?[] Phq9 { get; } = new int?[9];

    /// <summary>C-SSRS Recent: Q1–Q6 and 6a; null = not asked/answered.</summary>
    public Dictionary<string, bool?> Cssrs { get; } = new(StringComparer.Ordinal) { ["1"] = null, ["2"] = null, ["3"] = null, ["4"] = null, ["5"] = null, ["6"] = null, ["6a"] = null };

    public DateTime? PregnancyTestOn { get; set; }

    /// <summary>"negative" / "positive" / "" (not tested).</summary>
    public string PregnancyResult { get; set; } = string.Empty;

    public string? NotOfReproductivePotentialReason { get; set; }
    public string? SignOffNote { get; set; }

    /// <summary>A fresh vitals form (new idempotency key) after a reading is saved.</summary>
    public void NewVitals() => Vitals = new ManualVitalsForm();

    public IReadOnlyDictionary<string, ItemAnswer> Phq9Answers() =>
        Enumerable.Range(0, 9).Where(i => Phq9[i] is not null)
            .ToDictionary(i => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), i => ItemAnswer.Of((decimal)Phq9[i]!.Value), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ItemAnswer> CssrsAnswers() =>
        Cssrs.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => ItemAnswer.Of(kv.Value!.Value), StringComparer.Ordinal);
}
