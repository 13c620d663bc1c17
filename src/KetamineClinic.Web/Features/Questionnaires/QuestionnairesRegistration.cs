using KetamineClinic.Domain.Protocol;
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
        return builder;
    }

    public static WebApplication MapQuestionnaires(this WebApplication app) => app;
}
