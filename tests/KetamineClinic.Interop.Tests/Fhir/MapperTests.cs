// Firely's POCO properties are all nullable; a null here fails the test with a NullReferenceException, which is the check.
#nullable disable warnings

using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir;
using KetamineClinic.Interop.Fhir.Conformance;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Sources;

namespace KetamineClinic.Interop.Tests.Fhir;

/// <summary>The codes, units and links clinical-spec §10 asks for, asserted exactly.</summary>
public sealed class MapperTests
{
    [Theory]
    [InlineData(0, "85354-9", null, null)]
    [InlineData(1, "8867-4", "/min", "74")]
    [InlineData(2, "2708-6", "%", "97")]
    [InlineData(3, "9279-1", "/min", "14")]
    [InlineData(4, "29463-7", "kg", "72.4")]
    [InlineData(5, "8310-5", "Cel", "36.8")]
    public void GivenEachVitalSign_WhenMapped_ThenLoincCodeAndUcumUnitFollowSection10(int index, string loinc, string? ucum, string? value)
    {
        var observation = FhirMapper.ToObservation(Samples.Vitals[index].Source);

        Assert.Equal(loinc, observation.Code.Coding[0].Code);
        Assert.Equal("http://loinc.org", observation.Code.Coding[0].System);
        Assert.Equal("vital-signs", observation.Category.Single().Coding.Single().Code);
        Assert.Equal(ObservationStatus.Final, observation.Status);
        Assert.Equal("Patient/" + Samples.PatientId, observation.Subject.Reference);
        Assert.Equal("Procedure/" + Samples.ProcedureId, observation.PartOf.Single().Reference);
        if (ucum is null)
        {
            Assert.Null(observation.Value);
            Assert.Equal(["8480-6", "8462-4"], observation.Component.Select(c => c.Code.Coding[0].Code));
            Assert.All(observation.Component, c => Assert.Equal("mm[Hg]", ((Quantity)c.Value!).Code));
            Assert.Equal([128m, 82m], observation.Component.Select(c => ((Quantity)c.Value!).Value!.Value));
        }
        else
        {
            var quantity = Assert.IsType<Quantity>(observation.Value);
            Assert.Equal(ucum, quantity.Code);
            Assert.Equal("http://unitsofmeasure.org", quantity.System);
            Assert.Equal(decimal.Parse(value!, System.Globalization.CultureInfo.InvariantCulture), quantity.Value);
        }
    }

    [Fact]
    public void GivenSpo2_WhenMapped_ThenItCarriesBoth2708And59408AndNeverCapillary2710()
    {
        var codes = FhirMapper.ToObservation(Samples.Vitals[2].Source).Code.Coding.Select(c => c.Code).ToList();

        Assert.Equal(["2708-6", "59408-5"], codes);
        Assert.DoesNotContain("2710-2", codes);
    }

    [Theory]
    [InlineData(VitalInterpretation.Normal, "N")]
    [InlineData(VitalInterpretation.High, "H")]
    [InlineData(VitalInterpretation.CriticalHigh, "HH")]
    [InlineData(VitalInterpretation.Low, "L")]
    [InlineData(VitalInterpretation.CriticalLow, "LL")]
    public void GivenAnInterpretation_WhenMapped_ThenItIsTheV3Code(VitalInterpretation interpretation, string code)
    {
        var observation = FhirMapper.ToObservation(Samples.Vitals[1].Source with { Interpretation = interpretation });

        var coding = observation.Interpretation.Single().Coding.Single();
        Assert.Equal(code, coding.Code);
        Assert.Equal(FhirConventions.Systems.ObservationInterpretation, coding.System);
    }

    [Theory]
    [InlineData(ScoredInstrument.Phq9, "http://loinc.org", "44261-6")]
    [InlineData(ScoredInstrument.Phq9Item9, "http://loinc.org", "44260-8")]
    [InlineData(ScoredInstrument.Gad7, "http://loinc.org", "70274-6")]
    [InlineData(ScoredInstrument.CssrsScreener, "http://loinc.org", "93374-7")]
    [InlineData(ScoredInstrument.Madrs, FhirConventions.ClinicSystems.InstrumentScores, "madrs-total")]
    [InlineData(ScoredInstrument.QidsSr16, FhirConventions.ClinicSystems.InstrumentScores, "qids-sr16-total")]
    [InlineData(ScoredInstrument.HamD17, FhirConventions.ClinicSystems.InstrumentScores, "hamd-17-total")]
    [InlineData(ScoredInstrument.Cadss, FhirConventions.ClinicSystems.InstrumentScores, "cadss-23-total")]
    [InlineData(ScoredInstrument.BeckSsi, FhirConventions.ClinicSystems.InstrumentScores, "beck-ssi-total")]
    [InlineData(ScoredInstrument.Moaas, FhirConventions.ClinicSystems.InstrumentScores, "moaas-score")]
    [InlineData(ScoredInstrument.BprsPositive, FhirConventions.ClinicSystems.InstrumentScores, "bprs-positive-total")]
    public void GivenEachInstrument_WhenItsScoreIsCoded_ThenLoincIsUsedOnlyWhereVerified(ScoredInstrument instrument, string system, string code)
    {
        var coding = FhirMapper.ScoreCode(instrument).Coding.Single();

        Assert.Equal(system, coding.System);
        Assert.Equal(code, coding.Code);
    }

    [Fact]
    public void GivenAPhq9Total_WhenMapped_ThenItIsASurveyScoreDerivedFromTheResponseWithBandAndRemissionCutoff()
    {
        var observation = FhirMapper.ToObservation(Samples.Phq9Score);

        Assert.Equal("survey", observation.Category.Single().Coding.Single().Code);
        var value = Assert.IsType<Quantity>(observation.Value);
        Assert.Equal(12m, value.Value);
        Assert.Equal("{score}", value.Code);
        Assert.Equal("Moderate", observation.Interpretation.Single().Text);
        Assert.Equal("QuestionnaireResponse/" + Samples.QuestionnaireResponseId, observation.DerivedFrom.Single().Reference);
        Assert.Equal(4, ((Integer)observation.GetExtension(FhirConventions.Extensions.RemissionCutoff)!.Value).Value);
        Assert.Equal("2026.1", ((FhirString)observation.GetExtension(FhirConventions.Extensions.ProtocolVersion)!.Value).Value);
    }

    [Theory]
    [InlineData(CssrsRisk.None, "none", "negligible")]
    [InlineData(CssrsRisk.Low, "low", "low")]
    [InlineData(CssrsRisk.Moderate, "moderate", "moderate")]
    [InlineData(CssrsRisk.High, "high", "high")]
    public void GivenACssrsLevel_WhenMapped_ThenObservationUsesTheLocalCodeAndRiskAssessmentNegligibleForNone(CssrsRisk risk, string local, string qualitative)
    {
        // CSSRS-04 (clinical-spec §6.6): None is kept apart from Low; RiskAssessment uses negligible for None.
        var observation = FhirMapper.ToObservation(Samples.CssrsScore with { RiskLevel = risk });
        var assessment = FhirMapper.ToRiskAssessment(Samples.CssrsRiskAssessment with { Risk = risk });

        var value = Assert.IsType<CodeableConcept>(observation.Value).Coding.Single();
        Assert.Equal(FhirConventions.ClinicSystems.CssrsRiskLevel, value.System);
        Assert.Equal(local, value.Code);
        var predicted = assessment.Prediction.Single().QualitativeRisk.Coding.Single();
        Assert.Equal("http://terminology.hl7.org/CodeSystem/risk-probability", predicted.System);
        Assert.Equal(qualitative, predicted.Code);
    }

    [Fact]
    public void GivenAnIncompleteInstrument_WhenMapped_ThenTheValueIsAbsentWithAReason()
    {
        // SCALE-01: a missing item leaves the total null, never prorated.
        var observation = FhirMapper.ToObservation(Samples.MadrsIncomplete);

        Assert.Null(observation.Value);
        Assert.Equal("unknown", observation.DataAbsentReason.Coding.Single().Code);
        Assert.Contains("SCALE-01", observation.DataAbsentReason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenInconsistentScoreSources_WhenMapped_ThenTheMapperRefuses()
    {
        Assert.Throws<ArgumentException>(() => FhirMapper.ToObservation(Samples.CssrsScore with { Total = 3 }));
        Assert.Throws<ArgumentException>(() => FhirMapper.ToObservation(Samples.Phq9Score with { RiskLevel = CssrsRisk.Low }));
    }

    [Fact]
    public void GivenAKetamineAdministration_WhenMapped_ThenRxNormNdcDoseRateRouteAndDosingExtensionsArePresent()
    {
        var administration = FhirMapper.ToMedicationAdministration(Samples.MedicationAdministration);

        var medication = Assert.IsType<CodeableConcept>(administration.Medication);
        Assert.Equal(("http://www.nlm.nih.gov/research/umls/rxnorm", "6130"), (medication.Coding[0].System, medication.Coding[0].Code));
        Assert.Equal(("http://hl7.org/fhir/sid/ndc", "0000-0000-00"), (medication.Coding[1].System, medication.Coding[1].Code));
        Assert.Equal((36m, "mg"), (administration.Dosage.Dose.Value, administration.Dosage.Dose.Code));
        var rate = Assert.IsType<Quantity>(administration.Dosage.Rate);
        Assert.Equal((54m, "mL/h"), (rate.Value, rate.Code));
        Assert.Equal("47625008", administration.Dosage.Route.Coding.Single().Code);
        Assert.Equal(0.5m, ((Quantity)administration.Dosage.GetExtension(FhirConventions.Extensions.DosePerKg)!.Value).Value);
        Assert.Equal("actual", ((Coding)administration.Dosage.GetExtension(FhirConventions.Extensions.DoseWeightBasis)!.Value).Code);
        Assert.Equal(72m, ((Quantity)administration.Dosage.GetExtension(FhirConventions.Extensions.DoseWeight)!.Value).Value);
        Assert.Equal("LOT-SYN-42", ((FhirString)administration.GetExtension(FhirConventions.Extensions.LotNumber)!.Value).Value);
        Assert.Equal("VIAL-0007", ((FhirString)administration.GetExtension(FhirConventions.Extensions.VialId)!.Value).Value);
        Assert.Equal("Procedure/" + Samples.ProcedureId, administration.PartOf.Single().Reference);
        Assert.IsType<Period>(administration.Effective);
    }

    [Fact]
    public void GivenAnInfusionStillRunning_WhenMapped_ThenEffectiveIsTheStartInstant()
    {
        var administration = FhirMapper.ToMedicationAdministration(Samples.MedicationAdministration with { EndedAt = null, Status = InfusionState.InProgress });

        Assert.Equal(MedicationAdministration.MedicationAdministrationStatusCodes.InProgress, administration.Status);
        Assert.Equal("2026-03-02T19:00:00+00:00", Assert.IsType<FhirDateTime>(administration.Effective).Value);
    }

    [Fact]
    public void GivenAnEncounter_WhenMapped_ThenItIsAmbulatoryWithArrivalToDischargePeriod()
    {
        var encounter = FhirMapper.ToEncounter(Samples.Encounter);

        Assert.Equal(("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"), (encounter.Class.System, encounter.Class.Code));
        Assert.Equal("2026-03-02T18:30:00+00:00", encounter.Period.Start);
        Assert.Equal("2026-03-02T21:30:00+00:00", encounter.Period.End);
        Assert.Equal(["Practitioner/" + Samples.PractitionerId, "Practitioner/" + Samples.NurseId], encounter.Participant.Select(p => p.Individual.Reference));
    }

    [Fact]
    public void GivenDischargeBeforeArrival_WhenMapped_ThenTheMapperRefuses() =>
        Assert.Throws<ArgumentException>(() => FhirMapper.ToEncounter(Samples.Encounter with { DischargedAt = Samples.Arrival.AddMinutes(-1) }));

    [Fact]
    public void GivenASite_WhenMapped_ThenLocationAndHealthcareServiceShareItsIdAndHours()
    {
        var location = FhirMapper.ToLocation(Samples.Site);
        var service = FhirMapper.ToHealthcareService(Samples.Site);

        Assert.Equal(Samples.SiteId, location.Id);
        Assert.Equal(Samples.SiteId, service.Id);
        Assert.Equal("Location/" + Samples.SiteId, service.Location.Single().Reference);
        Assert.Equal("19:30:00", location.HoursOfOperation[1].ClosingTime);
        Assert.Equal(DaysOfWeek.Wed, service.AvailableTime[1].DaysOfWeek.Single());
        Assert.Equal(39.7817m, location.Position.Latitude);
    }

    [Fact]
    public void GivenAPractitionerWithTwoRoles_WhenMapped_ThenEachRoleHasTheLocalAndHl7Code()
    {
        var roles = FhirMapper.ToPractitionerRoles(Samples.Practitioner);

        Assert.Equal(2, roles.Count);
        Assert.Equal(["physician", "doctor"], roles[0].Code.Single().Coding.Select(c => c.Code));
        Assert.Equal("Location/" + Samples.SiteId, roles[0].Location.Single().Reference);
        Assert.Empty(roles[1].Location);
        Assert.All(roles, r => Assert.Equal("Practitioner/" + Samples.PractitionerId, r.Practitioner.Reference));
    }

    [Fact]
    public void GivenASuicideRiskFlag_WhenMappedActiveAndCleared_ThenStatusPeriodCategoryAndPriorityFollow()
    {
        var active = FhirMapper.ToFlag(Samples.SuicideFlag);
        var cleared = FhirMapper.ToFlag(Samples.SuicideFlag with { ClearedAt = Samples.Arrival.AddDays(30) });

        Assert.Equal(Flag.FlagStatus.Active, active.Status);
        Assert.Equal(Flag.FlagStatus.Inactive, cleared.Status);
        Assert.Equal("clinical", active.Category.Single().Coding.Single().Code);
        Assert.Equal("suicide-risk", active.Code.Coding.Single().Code);
        Assert.Equal("PH", ((CodeableConcept)active.GetExtension(FhirConventions.Extensions.FlagPriority)!.Value).Coding.Single().Code);
        Assert.Null(active.Period.End);
        Assert.NotNull(cleared.Period.End);
        Assert.Equal(Flag.FlagStatus.EnteredInError, FhirMapper.ToFlag(Samples.SuicideFlag with { EnteredInError = true }).Status);
    }

    [Fact]
    public void GivenAnOverriddenGate_WhenMapped_ThenTheDetectedIssueRecordsReasonWhoAndWhen()
    {
        var issue = FhirMapper.ToDetectedIssue(Samples.BpGateOverride);

        Assert.Equal(["vitals-gate", "BP-GATE-01"], issue.Code.Coding.Select(c => c.Code));
        Assert.Equal(DetectedIssue.DetectedIssueSeverity.High, issue.Severity);
        var mitigation = issue.Mitigation.Single();
        Assert.Equal("override", mitigation.Action.Coding.Single().Code);
        Assert.Equal("Repeat BP after rest 152/94; benefits outweigh risk", mitigation.Action.Text);
        Assert.Equal("Practitioner/" + Samples.PractitionerId, mitigation.Author.Reference);
        Assert.Equal("2026-03-02T18:58:00+00:00", mitigation.Date);
        Assert.Equal("Observation/10000000-0000-4000-8000-000000000001", issue.Implicated.Single().Reference);
    }

    [Fact]
    public void GivenAuditSources_WhenMapped_ThenTypeSubtypeActionOutcomeAgentAndEntityFollowR4()
    {
        var read = FhirMapper.ToAuditEvent(Samples.ReadAudit);
        var search = FhirMapper.ToAuditEvent(Samples.SearchAudit);
        var export = FhirMapper.ToAuditEvent(Samples.ExportAudit);

        Assert.Equal(("rest", "read"), (read.Type.Code, read.Subtype.Single().Code));
        Assert.Equal(AuditEvent.AuditEventAction.R, read.Action);
        Assert.Equal(AuditEvent.AuditEventOutcome.N0, read.Outcome);
        Assert.Equal("demo-client", read.Agent.Single().Who.Identifier.Value);
        Assert.Equal("127.0.0.1", read.Agent.Single().Network.Address);
        Assert.Equal("Patient/" + Samples.PatientId, read.Entity.Single().What.Reference);
        Assert.Equal("search-type", search.Subtype.Single().Code);
        Assert.Equal("Observation?patient=" + Samples.PatientId + "&category=vital-signs", System.Text.Encoding.UTF8.GetString(search.Entity.Single().Query));
        Assert.Equal("24", search.Entity.Single().Role.Code);
        Assert.Equal(("110106", AuditEvent.AuditEventOutcome.N4), (export.Type.Code, export.Outcome));
        Assert.Empty(export.Subtype);
    }

    [Fact]
    public void GivenAnAuditWithoutAgentsOrWithAMisplacedInteraction_WhenMapped_ThenTheMapperRefuses()
    {
        Assert.Throws<ArgumentException>(() => FhirMapper.ToAuditEvent(Samples.ReadAudit with { Agents = [] }));
        Assert.Throws<ArgumentException>(() => FhirMapper.ToAuditEvent(Samples.ReadAudit with { Interaction = null }));
        Assert.Throws<ArgumentException>(() => FhirMapper.ToAuditEvent(Samples.ExportAudit with { Interaction = RestInteraction.Read }));
    }

    [Fact]
    public void GivenThePhq9Definition_WhenMapped_ThenItUsesLoincsCanonicalAndOrdinalScores()
    {
        var questionnaire = FhirMapper.ToQuestionnaire(Samples.Phq9Questionnaire);

        Assert.Equal("http://loinc.org/q/44249-1", questionnaire.Url);
        Assert.Equal("44249-1", questionnaire.Code.Single().Code);
        Assert.Equal(10, questionnaire.Item.Count);
        var item9 = questionnaire.Item[9];
        Assert.Equal("44260-8", item9.LinkId);
        var options = item9.AnswerOption.Select(o => (Coding)o.Value).ToList();
        Assert.Equal(["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"], options.Select(c => c.Code));
        Assert.Equal([0m, 1m, 2m, 3m], options.Select(c => ((FhirDecimal)c.GetExtension(FhirConventions.Extensions.OrdinalValue)!.Value).Value!.Value));
        Assert.Null(questionnaire.Item[0].Required);
    }

    [Fact]
    public void GivenAnInstrumentWithoutALoincPanel_WhenMapped_ThenTheCanonicalIsTheClinics()
    {
        var questionnaire = FhirMapper.ToQuestionnaire(Samples.MadrsQuestionnaire);

        Assert.Equal("https://ketamine.clinic/fhir/Questionnaire/madrs", questionnaire.Url);
        Assert.Equal("madrs", questionnaire.Code.Single().Code);
        Assert.Equal(Enumerable.Range(0, 7), questionnaire.Item.Single().AnswerOption.Select(o => ((Integer)o.Value).Value!.Value));
    }

    [Fact]
    public void GivenCssrsBranching_WhenMapped_ThenFollowUpsAreEnabledByTheirGateQuestion()
    {
        var questionnaire = FhirMapper.ToQuestionnaire(Samples.CssrsQuestionnaire);

        var q3 = questionnaire.Item.Single(i => i.LinkId == "q3");
        Assert.Equal("q2", q3.EnableWhen.Single().Question);
        Assert.True(((FhirBoolean)q3.EnableWhen.Single().Answer).Value);
        Assert.Null(q3.EnableBehavior);
        Assert.Equal("http://loinc.org/q/93373-9", questionnaire.Url);
    }

    [Fact]
    public void GivenTwoConditions_WhenMapped_ThenEnableBehaviorIsAll()
    {
        var source = Samples.CssrsQuestionnaire;
        var items = source.Items.ToList();
        items[^1] = items[^1] with { EnableWhen = [new EnableWhenSource { QuestionLinkId = "q6", AnswerBoolean = true }, new EnableWhenSource { QuestionLinkId = "q1", AnswerBoolean = true }] };

        var questionnaire = FhirMapper.ToQuestionnaire(source with { Items = items });

        Assert.Equal(Questionnaire.EnableWhenBehavior.All, questionnaire.Item[^1].EnableBehavior);
    }

    public static TheoryData<string> BrokenDefinitions => ["duplicate-linkid", "forward-enablewhen", "display-with-code", "choice-without-options", "uncoded-choice", "coded-integer", "boolean-with-options"];

    [Theory]
    [MemberData(nameof(BrokenDefinitions))]
    public void GivenADefinitionThatBreaksQueInvariants_WhenMapped_ThenTheMapperRefuses(string broken)
    {
        var option = new AnswerOptionSource { Score = 1 };
        var coded = new AnswerOptionSource { Code = CodedValue.Loinc("LA33-6", "Yes"), Score = 1 };
        QuestionnaireItemSource Q(string id, QuestionType type) => new() { LinkId = id, Text = id, Type = type };
        IReadOnlyList<QuestionnaireItemSource> items = broken switch
        {
            "duplicate-linkid" => [Q("a", QuestionType.Boolean), Q("a", QuestionType.Boolean)],
            "forward-enablewhen" => [Q("a", QuestionType.Boolean) with { EnableWhen = [new EnableWhenSource { QuestionLinkId = "b", AnswerBoolean = true }] }, Q("b", QuestionType.Boolean)],
            "display-with-code" => [Q("a", QuestionType.Display) with { Code = CodedValue.Loinc("1-8") }],
            "choice-without-options" => [Q("a", QuestionType.Choice)],
            "uncoded-choice" => [Q("a", QuestionType.Choice) with { AnswerOptions = [option] }],
            "coded-integer" => [Q("a", QuestionType.Integer) with { AnswerOptions = [coded] }],
            _ => [Q("a", QuestionType.Boolean) with { AnswerOptions = [option] }],
        };

        Assert.Throws<ArgumentException>(() => FhirMapper.ToQuestionnaire(Samples.MadrsQuestionnaire with { Items = items }));
    }

    [Fact]
    public void GivenEveryLocalCodingTheMappersEmit_WhenLookedUp_ThenItsCodeSystemDefinesItWithTheSameDisplay()
    {
        var systems = ClinicConformance.CodeSystems().ToDictionary(cs => cs.Url, StringComparer.Ordinal);
        var codings = Samples.AllResources()
            .Where(r => r.Resource is not CodeSystem and not StructureDefinition)
            .SelectMany(r => Descendants(r.Resource).OfType<Coding>())
            .Where(c => c.System?.StartsWith(FhirConventions.ClinicBase, StringComparison.Ordinal) == true)
            .ToList();

        Assert.NotEmpty(codings);
        Assert.All(codings, coding =>
        {
            Assert.True(systems.TryGetValue(coding.System, out var system), "No CodeSystem " + coding.System);
            if (system.Content == CodeSystemContentMode.Complete)
            {
                var concept = Assert.Single(system.Concept, c => c.Code == coding.Code);
                Assert.Equal(concept.Display, coding.Display);
            }
        });
    }

    [Fact]
    public void GivenEveryClinicExtensionUsed_WhenLookedUp_ThenItIsDefined()
    {
        var defined = ClinicConformance.ExtensionDefinitions().Select(sd => sd.Url).ToHashSet(StringComparer.Ordinal);
        var used = Samples.AllResources()
            .SelectMany(r => Descendants(r.Resource).OfType<Extension>().Select(e => e.Url))
            .Where(u => u.StartsWith(FhirConventions.ClinicBase, StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(7, used.Count);
        Assert.Subset(defined, used);
        Assert.Equal(7, defined.Count);
    }

    private static IEnumerable<Base> Descendants(Base element)
    {
        foreach (var child in element.EnumerateElements().SelectMany(e => e.Value is IEnumerable<Base> list ? list : e.Value is Base single ? [single] : []))
        {
            yield return child;
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
