namespace KetamineClinic.Interop.Fhir.Sources;

/// <summary>Administrative gender as FHIR R4 defines it (Patient.gender).</summary>
public enum AdministrativeSex
{
    Female,
    Male,
    Other,
    Unknown,
}

/// <summary>A postal address (US by default).</summary>
public sealed record PostalAddress
{
    public required string Line { get; init => field = Guard.NotBlank(value, nameof(Line)); }
    public required string City { get; init => field = Guard.NotBlank(value, nameof(City)); }
    public required string Region { get; init => field = Guard.NotBlank(value, nameof(Region)); }
    public required string PostalCode { get; init => field = Guard.NotBlank(value, nameof(PostalCode)); }
    public string Country { get; init => field = Guard.NotBlank(value, nameof(Country)); } = "US";
}

/// <summary>The person who escorts the patient home (clinical-spec §5: discharge with a responsible adult).</summary>
public sealed record EscortContact
{
    public required string Name { get; init => field = Guard.NotBlank(value, nameof(Name)); }
    public string? Phone { get; init => field = Guard.NotBlankOptional(value, nameof(Phone)); }
}

/// <summary>Input for FHIR Patient.</summary>
public sealed record PatientSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }

    /// <summary>Clinic medical record number (identifier, system <see cref="FhirConventions.IdentifierSystems.Mrn"/>).</summary>
    public required string Mrn { get; init => field = Guard.NotBlank(value, nameof(Mrn)); }
    public required string GivenName { get; init => field = Guard.NotBlank(value, nameof(GivenName)); }
    public required string FamilyName { get; init => field = Guard.NotBlank(value, nameof(FamilyName)); }
    public required DateOnly BornOn { get; init; }
    public required AdministrativeSex Sex { get; init; }
    public string? Phone { get; init => field = Guard.NotBlankOptional(value, nameof(Phone)); }
    public string? Email { get; init => field = Guard.NotBlankOptional(value, nameof(Email)); }
    public string? ManagingOrganizationId { get; init => field = FhirIds.RequireOptional(value, nameof(ManagingOrganizationId)); }
    public EscortContact? Escort { get; init; }
    public bool Active { get; init; } = true;
}

/// <summary>Input for FHIR Organization (the clinic network).</summary>
public sealed record OrganizationSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }
    public required string Name { get; init => field = Guard.NotBlank(value, nameof(Name)); }
    public string? Website { get; init => field = Guard.NotBlankOptional(value, nameof(Website)); }
    public string? Phone { get; init => field = Guard.NotBlankOptional(value, nameof(Phone)); }
    public bool Active { get; init; } = true;
}

/// <summary>Opening hours of a site on one weekday (local time of the site).</summary>
public sealed record OpeningHoursSource(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)
{
    public TimeOnly Closes { get; } = Closes > Opens ? Closes : throw new ArgumentException("A site must close after it opens.", nameof(Closes));
}

/// <summary>
/// Input for one clinic site. Maps to two resources: a <c>Location</c> (the place) and a <c>HealthcareService</c>
/// (IV ketamine infusions offered there); both carry the site's id.
/// </summary>
public sealed record SiteSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }
    public required string OrganizationId { get; init => field = FhirIds.Require(value, nameof(OrganizationId)); }
    public required string Name { get; init => field = Guard.NotBlank(value, nameof(Name)); }
    public required PostalAddress Address { get; init; }
    public required string Phone { get; init => field = Guard.NotBlank(value, nameof(Phone)); }
    public decimal? Latitude { get; init => field = value is { } v ? Guard.InRange(v, -90m, 90m, nameof(Latitude)) : null; }
    public decimal? Longitude { get; init => field = value is { } v ? Guard.InRange(v, -180m, 180m, nameof(Longitude)) : null; }
    public IReadOnlyList<OpeningHoursSource> OpeningHours { get; init; } = [];
    public bool Active { get; init; } = true;
}

/// <summary>Staff roles of the clinic (PractitionerRole.code).</summary>
public enum StaffRole
{
    Physician,
    Nurse,
    Pharmacist,
    FrontDesk,
    Administrator,
    BehavioralHealthClinician,
    MedicalDirector,
}

/// <summary>One role a practitioner holds at an organisation (and optionally a site).</summary>
public sealed record PractitionerRoleSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }
    public required string OrganizationId { get; init => field = FhirIds.Require(value, nameof(OrganizationId)); }
    public string? SiteId { get; init => field = FhirIds.RequireOptional(value, nameof(SiteId)); }
    public required StaffRole Role { get; init; }
    public bool Active { get; init; } = true;
}

/// <summary>Input for FHIR Practitioner; its <see cref="Roles"/> map to PractitionerRole resources.</summary>
public sealed record PractitionerSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }
    public required string GivenName { get; init => field = Guard.NotBlank(value, nameof(GivenName)); }
    public required string FamilyName { get; init => field = Guard.NotBlank(value, nameof(FamilyName)); }

    /// <summary>US National Provider Identifier (10 digits), when known.</summary>
    public string? Npi { get; init => field = Guard.Check(value, value is null || (value.Length == 10 && value.All(char.IsAsciiDigit)), "An NPI has 10 digits.", nameof(Npi)); }
    public string? Email { get; init => field = Guard.NotBlankOptional(value, nameof(Email)); }
    public IReadOnlyList<PractitionerRoleSource> Roles { get; init; } = [];
    public bool Active { get; init; } = true;
}

/// <summary>Input for an infusion chair as a FHIR Location inside its site's Location (partOf).</summary>
public sealed record ChairSource
{
    public required string Id { get; init => field = FhirIds.Require(value, nameof(Id)); }
    public required string SiteId { get; init => field = FhirIds.Require(value, nameof(SiteId)); }
    public required string OrganizationId { get; init => field = FhirIds.Require(value, nameof(OrganizationId)); }

    /// <summary>The chair's label on the board, e.g. "Chair 3".</summary>
    public required string Label { get; init => field = Guard.NotBlank(value, nameof(Label)); }

    /// <summary>The site's name, for the Location's name ("Chair 3 – Midtown").</summary>
    public required string SiteName { get; init => field = Guard.NotBlank(value, nameof(SiteName)); }
    public bool Active { get; init; } = true;
}
