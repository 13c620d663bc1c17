using KetamineClinic.Domain.Protocol;
using KetamineClinic.Web.Features.Fhir;
using KetamineClinic.Web.Features.Fhir.Search;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KetamineClinic.Web.Features.Questionnaires;

/// <summary>Questionnaires: the shared submission handler, same-day look-ups, the portal pages and the FHIR endpoints.</summary>
public static class QuestionnairesRegistration
{
    public static IHostApplicationBuilder AddQuestionnaires(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(ClinicProtocol.Default);
        builder.Services.TryAddSingleton<Infusions.ActorAuditTrails>();
        builder.Services.AddSingleton<InstrumentSubmissionHandler>();
        builder.Services.AddSingleton<SameDayInstruments>();
        builder.Services.AddSingleton<SuicideRiskAlerts>();
        builder.Services.AddSingleton<Portal.PortalQuestionnaireQuery>();
        builder.Services.AddSingleton<InstrumentCanonicals>();
        builder.Services.AddSingleton<QuestionnaireResponseSearchSource>();
        builder.Services.AddSingleton<SurveyScoreObservationSource>();
        builder.Services.AddFhirResource<QuestionnaireResponseFhirDefinition>();
        builder.Services.AddFhirResource<SurveyObservationFhirDefinition>();
        builder.Services.AddSingleton<IFhirEndpoints, QuestionnaireResponseFhirEndpoints>();
        return builder;
    }

    public static WebApplication MapQuestionnaires(this WebApplication app) => app;
}
