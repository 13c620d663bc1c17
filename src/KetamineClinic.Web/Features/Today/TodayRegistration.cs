namespace KetamineClinic.Web.Features.Today;

/// <summary>The staff home page: the day at the selected site.</summary>
public static class TodayRegistration
{
    public static IHostApplicationBuilder AddToday(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<TodayQuery>();
        return builder;
    }
}
