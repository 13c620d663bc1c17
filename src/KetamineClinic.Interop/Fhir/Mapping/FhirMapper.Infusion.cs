using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir.Sources;
using static KetamineClinic.Interop.Fhir.FhirConventions;

namespace KetamineClinic.Interop.Fhir.Mapping;

public static partial class FhirMapper
{
    /// <summary>Encounter: class AMB; period = arrival → discharge (clinical-spec §10.1).</summary>
    public static Encounter ToEncounter(EncounterSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Guard.NotBefore(source.DischargedAt, source.ArrivedAt ?? DateTimeOffset.MinValue, nameof(source));
        return new Encounter
        {
            Id = source.Id,
            Status = source.Status switch
            {
                EncounterState.Planned => Encounter.EncounterStatus.Planned,
                EncounterState.Arrived => Encounter.EncounterStatus.Arrived,
                EncounterState.InProgress => Encounter.EncounterStatus.InProgress,
                EncounterState.Finished => Encounter.EncounterStatus.Finished,
                EncounterState.Cancelled => Encounter.EncounterStatus.Cancelled,
                EncounterState.EnteredInError => Encounter.EncounterStatus.EnteredInError,
            },
            Class = Code(Systems.ActCode, "AMB", "ambulatory"),
            Type = [Concept(ClinicSystems.EncounterType, "ketamine-infusion-visit", "Ketamine infusion visit")],
            Subject = Ref("Patient", source.PatientId),
            Participant = [.. source.PractitionerIds.Select(id => new Encounter.ParticipantComponent { Individual = Ref("Practitioner", id) })],
            Appointment = source.AppointmentId is { } a ? [Ref("Appointment", a)] : [],
            Period = PeriodOf(source.ArrivedAt, source.DischargedAt),
            Location = source.SiteId is { } site ? [new Encounter.LocationComponent { Location = Ref("Location", site) }] : [],
            ServiceProvider = RefOrNull("Organization", source.OrganizationId),
        };
    }

    /// <summary>Procedure: the infusion session (local code), performers, complications.</summary>
    public static Procedure ToProcedure(InfusionProcedureSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.EndedAt is { } end && source.StartedAt is { } start)
        {
            Guard.NotBefore(end, start, nameof(source));
        }

        var procedure = new Procedure
        {
            Id = source.Id,
            Status = ToEventStatus(source.Status),
            StatusReason = source.StatusReason is { } reason ? new CodeableConcept { Text = reason } : null,
            Category = Concept(Systems.Snomed, "24642003", "Psychiatry procedure or service"),
            Code = Concept(ClinicSystems.Procedure, "iv-ketamine-infusion", "IV ketamine infusion for depression"),
            Subject = Ref("Patient", source.PatientId),
            Encounter = Ref("Encounter", source.EncounterId),
            Performed = PeriodOf(source.StartedAt, source.EndedAt),
            Performer = [.. source.PerformerPractitionerIds.Select(id => new Procedure.PerformerComponent { Actor = Ref("Practitioner", id) })],
            Location = RefOrNull("Location", source.SiteId),
            Complication = [.. source.Complications.Select(text => new CodeableConcept { Text = Guard.NotBlank(text, nameof(source.Complications)) })],
        };
        procedure.Extension.AddIfNotNull(ProtocolVersionExtension(source.ProtocolVersion));
        return procedure;
    }

    /// <summary>
    /// MedicationAdministration: ketamine (RxNorm 6130 [K] + NDC), dose mg, rate mL/h, route IV (SNOMED 47625008 [K]),
    /// with the clinic's dosage extensions (mg/kg, weight basis, weight) and the vial's lot and id.
    /// </summary>
    public static MedicationAdministration ToMedicationAdministration(MedicationAdministrationSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Guard.NotBefore(source.EndedAt, source.StartedAt, nameof(source));
        var medication = Concept(Code(Systems.RxNorm, "6130", "ketamine"));
        if (source.Ndc is { } ndc)
        {
            medication.Coding.Add(Code(Systems.Ndc, ndc));
        }

        medication.Text = "Ketamine hydrochloride injection";
        var dosage = new MedicationAdministration.DosageComponent
        {
            Route = Concept(Systems.Snomed, "47625008", "Intravenous route"),
            Dose = new Quantity { Value = source.DoseMg, Unit = "mg", System = Systems.Ucum, Code = "mg" },
            Rate = source.RateMlPerHour is { } rate ? Ucum(rate, "mL/h", "mL/h") : null,
            Extension =
            [
                new Extension(FhirConventions.Extensions.DosePerKg, Ucum(source.DoseMgPerKg, "mg/kg", "mg/kg")),
                new Extension(FhirConventions.Extensions.DoseWeightBasis, WeightBasisCoding(source.WeightBasis)),
                new Extension(FhirConventions.Extensions.DoseWeight, Ucum(source.WeightKg, "kg", "kg")),
            ],
        };
        var administration = new MedicationAdministration
        {
            Id = source.Id,
            Status = source.Status switch
            {
                InfusionState.Preparation or InfusionState.InProgress => MedicationAdministration.MedicationAdministrationStatusCodes.InProgress,
                InfusionState.OnHold => MedicationAdministration.MedicationAdministrationStatusCodes.OnHold,
                InfusionState.Completed => MedicationAdministration.MedicationAdministrationStatusCodes.Completed,
                InfusionState.Stopped => MedicationAdministration.MedicationAdministrationStatusCodes.Stopped,
                InfusionState.NotDone => MedicationAdministration.MedicationAdministrationStatusCodes.NotDone,
                InfusionState.EnteredInError => MedicationAdministration.MedicationAdministrationStatusCodes.EnteredInError,
            },
            Medication = medication,
            Subject = Ref("Patient", source.PatientId),
            Context = Ref("Encounter", source.EncounterId),
            PartOf = source.ProcedureId is { } p ? [Ref("Procedure", p)] : [],
            Effective = source.EndedAt is { } end ? new Period(DateTime(source.StartedAt), DateTime(end)) : DateTime(source.StartedAt),
            Performer = [.. source.PerformerPractitionerIds.Select(id => new MedicationAdministration.PerformerComponent { Actor = Ref("Practitioner", id) })],
            Request = RefOrNull("MedicationRequest", source.MedicationRequestId),
            Dosage = dosage,
        };
        if (source.LotNumber is { } lot)
        {
            administration.Extension.Add(new Extension(FhirConventions.Extensions.LotNumber, new FhirString(lot)));
        }

        if (source.VialId is { } vial)
        {
            administration.Extension.Add(new Extension(FhirConventions.Extensions.VialId, new FhirString(vial)));
        }

        administration.Extension.AddIfNotNull(ProtocolVersionExtension(source.ProtocolVersion));
        return administration;
    }

    private static Coding WeightBasisCoding(DoseWeightBasis basis) => basis switch
    {
        DoseWeightBasis.Actual => Code(ClinicSystems.WeightBasis, "actual", "Actual body weight"),
        DoseWeightBasis.Ideal => Code(ClinicSystems.WeightBasis, "ideal", "Ideal body weight (Devine)"),
        DoseWeightBasis.Adjusted => Code(ClinicSystems.WeightBasis, "adjusted", "Adjusted body weight"),
    };

    private static EventStatus ToEventStatus(InfusionState state) => state switch
    {
        InfusionState.Preparation => EventStatus.Preparation,
        InfusionState.InProgress => EventStatus.InProgress,
        InfusionState.OnHold => EventStatus.OnHold,
        InfusionState.Completed => EventStatus.Completed,
        InfusionState.Stopped => EventStatus.Stopped,
        InfusionState.NotDone => EventStatus.NotDone,
        InfusionState.EnteredInError => EventStatus.EnteredInError,
    };
}
