namespace KetamineClinic.Web.Features.Directory;

/// <summary>A clinic network (the legal entity and DEA registrant).</summary>
public sealed class Organization
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public string? Website { get; set; }
    public List<Site> Sites { get; set; } = [];
}

/// <summary>One physical clinic of the network, with its chairs and opening hours.</summary>
public sealed class Site
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string Name { get; set; }
    public required string AddressLine { get; set; }
    public required string City { get; set; }
    public required string Region { get; set; }
    public required string PostalCode { get; set; }
    public string Country { get; set; } = "US";
    public required string Phone { get; set; }
    /// <summary>IANA time zone of the site (business days, DEA due dates, the day's board).</summary>
    public string TimeZone { get; set; } = "America/New_York";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public bool IsListedInDirectory { get; set; } = true;
    public List<Chair> Chairs { get; set; } = [];
    public List<OpeningHours> OpeningHours { get; set; } = [];
}

public sealed class Chair
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SiteId { get; set; }
    public Site? Site { get; set; }
    public required string Label { get; set; }
    public bool IsActive { get; set; } = true;
}

public sealed class OpeningHours
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SiteId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
}
