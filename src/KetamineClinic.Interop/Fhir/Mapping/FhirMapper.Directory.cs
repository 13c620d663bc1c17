using System.Globalization;
using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir.Sources;
using static KetamineClinic.Interop.Fhir.FhirConventions;

namespace KetamineClinic.Interop.Fhir.Mapping;

public static partial class FhirMapper
{
    /// <summary>Patient: MRN identifier, name, birth date, gender, telecom, escort as an emergency contact.</summary>
    public static Patient ToPatient(PatientSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var patient = new Patient
        {
            Id = source.Id,
            Identifier =
            [
                new Identifier(IdentifierSystems.Mrn, source.Mrn)
                {
                    Use = Identifier.IdentifierUse.Usual,
                    Type = Concept(Systems.IdentifierType, "MR", "Medical record number"),
                },
            ],
            Active = source.Active,
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = source.FamilyName, Given = [source.GivenName] }],
            Gender = source.Sex switch
            {
                AdministrativeSex.Female => AdministrativeGender.Female,
                AdministrativeSex.Male => AdministrativeGender.Male,
                AdministrativeSex.Other => AdministrativeGender.Other,
                AdministrativeSex.Unknown => AdministrativeGender.Unknown,
            },
            BirthDate = source.BornOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ManagingOrganization = RefOrNull("Organization", source.ManagingOrganizationId),
        };
        AddTelecom(patient.Telecom, ContactPoint.ContactPointSystem.Phone, source.Phone, ContactPoint.ContactPointUse.Mobile);
        AddTelecom(patient.Telecom, ContactPoint.ContactPointSystem.Email, source.Email, ContactPoint.ContactPointUse.Home);
        if (source.Escort is { } escort)
        {
            var contact = new Patient.ContactComponent
            {
                Relationship = [Concept(Systems.ContactRelationship, "C", "Emergency Contact")],
                Name = new HumanName { Text = escort.Name },
            };
            AddTelecom(contact.Telecom, ContactPoint.ContactPointSystem.Phone, escort.Phone, ContactPoint.ContactPointUse.Mobile);
            patient.Contact.Add(contact);
        }

        return patient;
    }

    /// <summary>Organization: the clinic network.</summary>
    public static Organization ToOrganization(OrganizationSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var organization = new Organization
        {
            Id = source.Id,
            Active = source.Active,
            Type = [Concept("http://terminology.hl7.org/CodeSystem/organization-type", "prov", "Healthcare Provider")],
            Name = source.Name,
        };
        AddTelecom(organization.Telecom, ContactPoint.ContactPointSystem.Phone, source.Phone, ContactPoint.ContactPointUse.Work);
        AddTelecom(organization.Telecom, ContactPoint.ContactPointSystem.Url, source.Website, ContactPoint.ContactPointUse.Work);
        return organization;
    }

    /// <summary>Location: the site as a place (address, position, opening hours).</summary>
    public static Location ToLocation(SiteSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var location = new Location
        {
            Id = source.Id,
            Status = source.Active ? Location.LocationStatus.Active : Location.LocationStatus.Inactive,
            Name = source.Name,
            Mode = Location.LocationMode.Instance,
            Type = [Concept(Systems.RoleCode, "OUTPHYS", "outpatient facility")],
            Address = ToAddress(source.Address),
            PhysicalType = Concept("http://terminology.hl7.org/CodeSystem/location-physical-type", "bu", "Building"),
            ManagingOrganization = Ref("Organization", source.OrganizationId),
            HoursOfOperation = [.. source.OpeningHours.Select(h => new Location.HoursOfOperationComponent
            {
                DaysOfWeek = [ToFhir(h.Day)],
                OpeningTime = h.Opens.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                ClosingTime = h.Closes.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            })],
        };
        AddTelecom(location.Telecom, ContactPoint.ContactPointSystem.Phone, source.Phone, ContactPoint.ContactPointUse.Work);
        if (source.Latitude is { } lat && source.Longitude is { } lon)
        {
            location.Position = new Location.PositionComponent { Latitude = lat, Longitude = lon };
        }

        return location;
    }

    /// <summary>
    /// Location: one infusion chair, part of its site's Location. Physical type <c>bd</c> (the R4 location-physical-type
    /// code nearest to a treatment chair: "a space allocated to one patient"), mode instance.
    /// </summary>
    public static Location ToLocation(ChairSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Location
        {
            Id = source.Id,
            Status = source.Active ? Location.LocationStatus.Active : Location.LocationStatus.Inactive,
            Name = source.Label + " – " + source.SiteName,
            Description = "Infusion chair",
            Mode = Location.LocationMode.Instance,
            PhysicalType = Concept("http://terminology.hl7.org/CodeSystem/location-physical-type", "bd", "Bed"),
            ManagingOrganization = Ref("Organization", source.OrganizationId),
            PartOf = Ref("Location", source.SiteId),
        };
    }

    /// <summary>HealthcareService: IV ketamine infusions offered at the site (same id as the site's Location).</summary>
    public static HealthcareService ToHealthcareService(SiteSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var service = new HealthcareService
        {
            Id = source.Id,
            Active = source.Active,
            ProvidedBy = Ref("Organization", source.OrganizationId),
            Type = [Concept(ClinicSystems.ServiceType, "iv-ketamine-infusion", "IV ketamine infusion for depression")],
            Location = [Ref("Location", source.Id)],
            Name = "IV ketamine infusion – " + source.Name,
            AppointmentRequired = true,
            AvailableTime = [.. source.OpeningHours.Select(h => new HealthcareService.AvailableTimeComponent
            {
                DaysOfWeek = [ToFhir(h.Day)],
                AvailableStartTime = h.Opens.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                AvailableEndTime = h.Closes.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            })],
        };
        AddTelecom(service.Telecom, ContactPoint.ContactPointSystem.Phone, source.Phone, ContactPoint.ContactPointUse.Work);
        return service;
    }

    /// <summary>Practitioner: name, NPI, work e-mail.</summary>
    public static Practitioner ToPractitioner(PractitionerSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var practitioner = new Practitioner
        {
            Id = source.Id,
            Active = source.Active,
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = source.FamilyName, Given = [source.GivenName] }],
        };
        if (source.Npi is { } npi)
        {
            practitioner.Identifier.Add(new Identifier(Systems.Npi, npi));
        }

        AddTelecom(practitioner.Telecom, ContactPoint.ContactPointSystem.Email, source.Email, ContactPoint.ContactPointUse.Work);
        return practitioner;
    }

    /// <summary>PractitionerRole resources, one per role of the practitioner.</summary>
    public static IReadOnlyList<PractitionerRole> ToPractitionerRoles(PractitionerSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return [.. source.Roles.Select(role => ToPractitionerRole(source.Id, role))];
    }

    /// <summary>One PractitionerRole: the role's local code plus HL7's practitioner-role code where one exists.</summary>
    public static PractitionerRole ToPractitionerRole(string practitionerId, PractitionerRoleSource role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var (code, display, hl7) = role.Role switch
        {
            StaffRole.Physician => ("physician", "Physician", "doctor"),
            StaffRole.Nurse => ("nurse", "Nurse", "nurse"),
            StaffRole.Pharmacist => ("pharmacist", "Pharmacist", "pharmacist"),
            StaffRole.FrontDesk => ("front-desk", "Front desk", (string?)null),
            StaffRole.Administrator => ("administrator", "Administrator", null),
            StaffRole.BehavioralHealthClinician => ("behavioral-health-clinician", "Behavioral health clinician", null),
            StaffRole.MedicalDirector => ("medical-director", "Medical director", "doctor"),
        };
        var concept = Concept(Code(ClinicSystems.StaffRole, code, display));
        if (hl7 is not null)
        {
            concept.Coding.Add(Code(Systems.PractitionerRole, hl7));
        }

        return new PractitionerRole
        {
            Id = role.Id,
            Active = role.Active,
            Practitioner = Ref("Practitioner", FhirIds.Require(practitionerId, nameof(practitionerId))),
            Organization = Ref("Organization", role.OrganizationId),
            Code = [concept],
            Location = role.SiteId is { } site ? [Ref("Location", site)] : [],
            HealthcareService = role.SiteId is { } s ? [Ref("HealthcareService", s)] : [],
        };
    }

    private static Address ToAddress(PostalAddress address) => new()
    {
        Use = Address.AddressUse.Work,
        Type = Address.AddressType.Physical,
        Line = [address.Line],
        City = address.City,
        State = address.Region,
        PostalCode = address.PostalCode,
        Country = address.Country,
    };

    private static void AddTelecom(List<ContactPoint> telecom, ContactPoint.ContactPointSystem system, string? value, ContactPoint.ContactPointUse use)
    {
        if (value is not null)
        {
            telecom.Add(new ContactPoint(system, use, value));
        }
    }

    private static DaysOfWeek ToFhir(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => DaysOfWeek.Mon,
        DayOfWeek.Tuesday => DaysOfWeek.Tue,
        DayOfWeek.Wednesday => DaysOfWeek.Wed,
        DayOfWeek.Thursday => DaysOfWeek.Thu,
        DayOfWeek.Friday => DaysOfWeek.Fri,
        DayOfWeek.Saturday => DaysOfWeek.Sat,
        DayOfWeek.Sunday => DaysOfWeek.Sun,
    };
}
