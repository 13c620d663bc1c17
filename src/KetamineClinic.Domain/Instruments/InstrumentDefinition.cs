using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Safety;

namespace KetamineClinic.Domain.Instruments;

/// <summary>How an instrument's answers become a result.</summary>
public enum ScoringMethod
{
    /// <summary>Total = sum of the scored items (PHQ-9, GAD-7, MADRS, HAM-D17, CADSS, BPRS, SSI, MOAA/S).</summary>
    SumOfItems,

    /// <summary>Total = sum over domains of the highest item in each domain (QIDS-SR16, clinical-spec §6.4).</summary>
    SumOfDomainMaxima,

    /// <summary>No total: a risk level from the answers (C-SSRS screener, clinical-spec §6.6).</summary>
    CssrsTriage,
}

/// <summary>A severity band over totals <see cref="Min"/>..<see cref="Max"/> (inclusive).</summary>
/// <param name="Min">Lowest total in the band.</param>
/// <param name="Max">Highest total in the band.</param>
/// <param name="Code">Stable band code, e.g. "moderately-severe".</param>
/// <param name="Display">Label shown to clinicians, e.g. "Moderately severe".</param>
public sealed record ScoreBand(int Min, int Max, string Code, string Display)
{
    /// <summary>Highest total in the band; not below <see cref="Min"/>.</summary>
    public int Max { get; } = Max >= Min ? Max : throw new ArgumentOutOfRangeException(nameof(Max), Max, "A band ends at or above its start.");

    /// <summary>Stable band code; never blank.</summary>
    public string Code { get; } = Checks.NotBlank(Code, nameof(Code));

    /// <summary>Label shown to clinicians; never blank.</summary>
    public string Display { get; } = Checks.NotBlank(Display, nameof(Display));

    /// <summary>True when <paramref name="total"/> lies in this band.</summary>
    public bool Contains(int total) => total >= Min && total <= Max;
}

/// <summary>A scoring domain: its score is the highest answered item among <see cref="ItemLinkIds"/>.</summary>
/// <param name="Name">Domain name, e.g. "Sleep".</param>
/// <param name="ItemLinkIds">Items of the domain.</param>
public sealed record ScoreDomain(string Name, IReadOnlyList<string> ItemLinkIds)
{
    /// <summary>Domain name; never blank.</summary>
    public string Name { get; } = Checks.NotBlank(Name, nameof(Name));

    /// <summary>Items of the domain; at least one.</summary>
    public IReadOnlyList<string> ItemLinkIds { get; } = Checks.AtLeast(ItemLinkIds, 1, nameof(ItemLinkIds));
}

/// <summary>
/// Items of which at least one must be answered (QIDS-SR16 items 6/7 and 8/9 are either/or on the form,
/// clinical-spec §6.1, §6.4). The items themselves are not individually required.
/// </summary>
/// <param name="ItemLinkIds">Alternative items.</param>
public sealed record EitherOrGroup(IReadOnlyList<string> ItemLinkIds)
{
    /// <summary>Alternative items; at least two.</summary>
    public IReadOnlyList<string> ItemLinkIds { get; } = Checks.AtLeast(ItemLinkIds, 2, nameof(ItemLinkIds));
}

/// <summary>
/// The suicide item of an instrument and the rule that maps its value to an SI level (clinical-spec §8.1).
/// </summary>
/// <param name="ItemLinkId">The suicide item (PHQ-9 9, QIDS 12, MADRS 10, HAM-D 3).</param>
/// <param name="Rule">The mapping rule, e.g. PHQ9-SAFETY-01.</param>
/// <param name="Thresholds">Selects the [C] thresholds from the protocol.</param>
/// <param name="SameSessionCssrsFrom">
/// From this SI level on, the trigger demands a same-session C-SSRS (QIDS-SAFETY-01: SI-2); None when never.
/// </param>
public sealed record SuicideItemMapping(
    string ItemLinkId,
    RuleId Rule,
    Func<InstrumentsProtocol, SafetyItemThresholds> Thresholds,
    SuicideRiskLevel SameSessionCssrsFrom = SuicideRiskLevel.None)
{
    /// <summary>The suicide item's link id; never blank.</summary>
    public string ItemLinkId { get; } = Checks.NotBlank(ItemLinkId, nameof(ItemLinkId));

    /// <summary>Selects the [C] thresholds from the protocol.</summary>
    public Func<InstrumentsProtocol, SafetyItemThresholds> Thresholds { get; } = Thresholds ?? throw new ArgumentNullException(nameof(Thresholds));
}

/// <summary>
/// A data-driven definition of a rating scale or questionnaire, reused by the patient portal, the staff screens
/// and the FHIR Questionnaire mapping, and scored generically by <see cref="InstrumentCatalog.Score(string, IReadOnlyDictionary{string, ItemAnswer}, ClinicProtocol)"/>.
/// </summary>
public sealed record InstrumentDefinition
{
    private readonly Dictionary<string, InstrumentItem> _itemsByLinkId;

    /// <summary>Creates a definition and checks that its parts agree (broken definitions throw).</summary>
    /// <param name="id">Instrument id, e.g. "phq-9" (see <see cref="InstrumentIds"/>).</param>
    /// <param name="title">Display title.</param>
    /// <param name="version">Version of this definition.</param>
    /// <param name="items">Items in form order; link ids unique.</param>
    /// <param name="scoring">How answers become a result.</param>
    /// <param name="itemRule">Rule cited by item validation errors (e.g. MADRS-01, HAMD-01; SCALE-01 where the spec has no own id).</param>
    /// <param name="completenessRule">Rule cited when a required item is missing (PHQ9-03, SCALE-01, CSSRS-VAL-01).</param>
    /// <param name="panelCode">Questionnaire/panel code (LOINC where verified, else local).</param>
    /// <param name="totalCode">Code of the total score Observation (LOINC where verified, else local); null when there is no total.</param>
    /// <param name="bands">Severity bands covering the whole total range without gaps; empty when the instrument has none.</param>
    /// <param name="domains">Scoring domains (only for <see cref="ScoringMethod.SumOfDomainMaxima"/>).</param>
    /// <param name="eitherOrGroups">Groups of which one item is enough.</param>
    /// <param name="suicideItem">The suicide item and its SI mapping, if any.</param>
    public InstrumentDefinition(
        string id,
        string title,
        string version,
        IReadOnlyList<InstrumentItem> items,
        ScoringMethod scoring,
        RuleId itemRule,
        RuleId completenessRule,
        ConceptCode? panelCode = null,
        ConceptCode? totalCode = null,
        IReadOnlyList<ScoreBand>? bands = null,
        IReadOnlyList<ScoreDomain>? domains = null,
        IReadOnlyList<EitherOrGroup>? eitherOrGroups = null,
        SuicideItemMapping? suicideItem = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ArgumentException($"Instrument {id} has no items.", nameof(items));
        }

        _itemsByLinkId = new Dictionary<string, InstrumentItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!_itemsByLinkId.TryAdd(item.LinkId, item))
            {
                throw new ArgumentException($"Instrument {id}: item link id '{item.LinkId}' is used twice.", nameof(items));
            }
        }

        Id = id;
        Title = title;
        Version = version;
        Items = items;
        Scoring = scoring;
        ItemRule = itemRule;
        CompletenessRule = completenessRule;
        PanelCode = panelCode;
        TotalCode = totalCode;
        Bands = bands ?? [];
        Domains = domains ?? [];
        EitherOrGroups = eitherOrGroups ?? [];
        SuicideItem = suicideItem;

        CheckDependencies();
        CheckDomains();
        CheckEitherOrGroups();
        if (suicideItem is not null)
        {
            _ = ItemOrThrow(suicideItem.ItemLinkId);
        }

        (TotalMin, TotalMax) = ComputeTotalRange();
        CheckBands();
    }

    /// <summary>Instrument id, e.g. "phq-9".</summary>
    public string Id { get; }

    /// <summary>Display title.</summary>
    public string Title { get; }

    /// <summary>Version of this definition (recorded on every result).</summary>
    public string Version { get; }

    /// <summary>Items in form order.</summary>
    public IReadOnlyList<InstrumentItem> Items { get; }

    /// <summary>How answers become a result.</summary>
    public ScoringMethod Scoring { get; }

    /// <summary>Rule cited by item validation errors.</summary>
    public RuleId ItemRule { get; }

    /// <summary>Rule cited when a required item is missing.</summary>
    public RuleId CompletenessRule { get; }

    /// <summary>Questionnaire/panel code, if any.</summary>
    public ConceptCode? PanelCode { get; }

    /// <summary>Code of the total score Observation; null when the instrument has no total.</summary>
    public ConceptCode? TotalCode { get; }

    /// <summary>Severity bands, ascending and gap-free over the total range; empty when none.</summary>
    public IReadOnlyList<ScoreBand> Bands { get; }

    /// <summary>Scoring domains (QIDS-SR16); empty for plain sums.</summary>
    public IReadOnlyList<ScoreDomain> Domains { get; }

    /// <summary>Groups of which one answered item is enough.</summary>
    public IReadOnlyList<EitherOrGroup> EitherOrGroups { get; }

    /// <summary>The suicide item and its SI mapping, if any.</summary>
    public SuicideItemMapping? SuicideItem { get; }

    /// <summary>Lowest possible total; null when the instrument has no total.</summary>
    public int? TotalMin { get; }

    /// <summary>Highest possible total; null when the instrument has no total.</summary>
    public int? TotalMax { get; }

    /// <summary>The item with this link id, or null.</summary>
    public InstrumentItem? FindItem(string linkId)
    {
        ArgumentNullException.ThrowIfNull(linkId);
        return _itemsByLinkId.GetValueOrDefault(linkId);
    }

    /// <summary>The band containing <paramref name="total"/>; null when the instrument has no bands.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The total is outside the instrument's range.</exception>
    public ScoreBand? BandFor(int total)
    {
        if (TotalMin is not { } min || TotalMax is not { } max || total < min || total > max)
        {
            throw new ArgumentOutOfRangeException(
                nameof(total),
                total,
                $"{Title} total must lie within {TotalMin}–{TotalMax}.");
        }

        return Bands.FirstOrDefault(b => b.Contains(total));
    }

    private InstrumentItem ItemOrThrow(string linkId) =>
        FindItem(linkId) ?? throw Broken($"Instrument {Id} has no item '{linkId}'.", "items");

    private void CheckDependencies()
    {
        foreach (var item in Items)
        {
            if (item.EnabledWhenYesTo is { } parent && ItemOrThrow(parent).AnswerType != ItemAnswerType.YesNo)
            {
                throw Broken($"Instrument {Id}: item {item.LinkId} depends on a non-yes/no item.", "items");
            }
        }
    }

    private void CheckDomains()
    {
        if (Scoring != ScoringMethod.SumOfDomainMaxima)
        {
            if (Domains.Count > 0)
            {
                throw Broken($"Instrument {Id}: domains are only used by domain scoring.", "domains");
            }

            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var linkId in Domains.SelectMany(d => d.ItemLinkIds))
        {
            if (!ItemOrThrow(linkId).Scored || !seen.Add(linkId))
            {
                throw Broken($"Instrument {Id}: item {linkId} must be scored and in one domain only.", "domains");
            }
        }

        if (Items.Any(i => i.Scored && !seen.Contains(i.LinkId)))
        {
            throw Broken($"Instrument {Id}: every scored item must belong to a domain.", "domains");
        }
    }

    private void CheckEitherOrGroups()
    {
        foreach (var linkId in EitherOrGroups.SelectMany(g => g.ItemLinkIds))
        {
            if (ItemOrThrow(linkId).Required)
            {
                throw Broken($"Instrument {Id}: item {linkId} of an either/or group cannot be required on its own.", "eitherOrGroups");
            }
        }
    }

    private (int? Min, int? Max) ComputeTotalRange()
    {
        var scored = Items.Where(i => i.Scored).ToArray();
        return Scoring switch
        {
            ScoringMethod.CssrsTriage => (null, null),
            ScoringMethod.SumOfItems when scored.Length == 0 =>
                throw Broken($"Instrument {Id} has no scored item.", "items"),
            ScoringMethod.SumOfItems => (scored.Sum(i => i.MinValue), scored.Sum(i => i.MaxValue)),
            ScoringMethod.SumOfDomainMaxima when Domains.Count == 0 =>
                throw Broken($"Instrument {Id} needs domains for domain scoring.", "domains"),
            ScoringMethod.SumOfDomainMaxima => (
                Domains.Sum(d => d.ItemLinkIds.Min(l => _itemsByLinkId[l].MinValue)),
                Domains.Sum(d => d.ItemLinkIds.Max(l => _itemsByLinkId[l].MaxValue))),
        };
    }

    private void CheckBands()
    {
        if (Bands.Count == 0)
        {
            return;
        }

        var expectedMin = TotalMin ?? throw Broken($"Instrument {Id} has bands but no total.", "bands");
        foreach (var band in Bands)
        {
            if (band.Min != expectedMin)
            {
                throw Broken($"Instrument {Id}: bands must be ascending and gap-free from {TotalMin} to {TotalMax}.", "bands");
            }

            expectedMin = band.Max + 1;
        }

        if (expectedMin - 1 != TotalMax)
        {
            throw Broken($"Instrument {Id}: bands must end at the highest total {TotalMax}.", "bands");
        }
    }

    // Names the constructor parameter whose content broke the definition.
    private static ArgumentException Broken(string message, string constructorParameter) => new(message, constructorParameter);
}
