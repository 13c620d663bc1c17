using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using static KetamineClinic.Web.Tests.Infusions.InfusionDayScenario;

namespace KetamineClinic.Web.Tests.Infusions;

public sealed class DeviceReadingsApiTests
{
    private const string Route = "/api/v1/devices/readings";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string Batch(params (string Id, DateTimeOffset At, int Sbp, int Dbp)[] readings) =>
        JsonSerializer.Serialize(new
        {
            readings = readings.Select(r => new { id = r.Id, takenAt = r.At.ToString("O"), systolic = r.Sbp, diastolic = r.Dbp, heartRate = 78, spo2 = 98 }),
        });

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = Json(body) };
        if (key is not null)
        {
            request.Headers.Add("X-Device-Key", key);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenNoDeviceKey_WhenPostingReadings_Then401AndNothingStored(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        await s.StartInfusionAsync();
        using var client = s.App.CreateClient();

        using var response = await PostAsync(client, null, Batch(("a", T0, 120, 80)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await s.ReadingCountAsync());
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAWrongOrDeactivatedKey_WhenPostingReadings_Then401(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        await s.StartInfusionAsync();
        using var client = s.App.CreateClient();

        using var wrong = await PostAsync(client, "kcd_not-a-registered-key", Batch(("a", T0, 120, 80)));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        var registry = s.App.Services.GetService(typeof(KetamineClinic.Web.Features.DeviceFeed.DeviceRegistry)) as KetamineClinic.Web.Features.DeviceFeed.DeviceRegistry;
        await registry!.DeactivateAsync(s.Clinic.DeviceIds[0], Nurse, TestContext.Current.CancellationToken);
        using var deactivated = await PostAsync(client, s.Clinic.DeviceKeys[0], Batch(("a", T0, 120, 80)));
        Assert.Equal(HttpStatusCode.Unauthorized, deactivated.StatusCode);
        Assert.Equal(0, await s.ReadingCountAsync());
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAnImpossibleValueInTheBatch_WhenPosted_Then422ProblemListingItAndNothingStored(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        await s.StartInfusionAsync();
        using var client = s.App.CreateClient();

        using var response = await PostAsync(client, s.Clinic.DeviceKeys[0], Batch(("ok", T0, 120, 80), ("bad", T0, 999, 80)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.Equal("bad", error.GetProperty("id").GetString());
        Assert.Equal("bloodPressure", error.GetProperty("field").GetString());
        Assert.Contains("Systolic 999 mmHg", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await s.ReadingCountAsync());
    }

    [Theory]
    [InlineData("not json", "Malformed")]
    [InlineData("{\"readings\": []}", "Empty")]
    [InlineData("{\"readings\": [{\"id\": \"a\", \"takenAt\": \"2026-11-27T14:00:00Z\", \"sp02\": 97}]}", "Malformed")]
    [InlineData("{\"readings\": [{\"id\": \"a\", \"takenAt\": \"2026-11-27T14:00:00Z\", \"spo2\": \"97\"}]}", "Malformed")]
    public async Task GivenAMalformedBody_WhenPosted_Then400Problem(string body, string titleStart)
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);
        await s.StartInfusionAsync();
        using var client = s.App.CreateClient();

        using var response = await PostAsync(client, s.Clinic.DeviceKeys[0], body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.StartsWith(titleStart, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenATimeWithoutOffset_WhenPosted_Then422NamingTakenAt()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);
        await s.StartInfusionAsync();
        using var client = s.App.CreateClient();

        using var response = await PostAsync(client, s.Clinic.DeviceKeys[0], "{\"readings\": [{\"id\": \"a\", \"takenAt\": \"2026-11-27T14:00:00\", \"heartRate\": 80}]}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("takenAt", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAGoodBatch_WhenPostedAndResent_Then200AcceptedThen200Duplicate(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(10));
        using var client = s.App.CreateClient();
        var body = Batch(("m-1", T0.AddMinutes(9), 124, 80), ("m-2", T0.AddMinutes(10), 126, 81));

        using var first = await PostAsync(client, s.Clinic.DeviceKeys[0], body);
        using var again = await PostAsync(client, s.Clinic.DeviceKeys[0], body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var accepted = await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(session, accepted.GetProperty("sessionId").GetGuid());
        Assert.Equal(2, accepted.GetProperty("accepted").GetInt32());
        Assert.Equal(["accepted", "accepted"], accepted.GetProperty("readings").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var duplicate = await again.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((0, 2), (duplicate.GetProperty("accepted").GetInt32(), duplicate.GetProperty("duplicates").GetInt32()));
        Assert.Equal(["duplicate", "duplicate"], duplicate.GetProperty("readings").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(2, await s.ReadingCountAsync());
    }

    [Fact]
    public async Task GivenAnEmptyChair_WhenItsDevicePosts_Then409Problem()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);
        using var client = s.App.CreateClient();

        using var response = await PostAsync(client, s.Clinic.DeviceKeys[1], Batch(("a", T0, 120, 80)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0, await s.ReadingCountAsync());
    }

    [Fact]
    public async Task GivenAnAlarm_WhenANurseAcknowledgesOverTheApi_ThenAcknowledgedAndFrontDeskIsForbidden()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);
        var session = await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(33));
        await s.IngestAsync(s.DeviceBatch(0, Bp("a", T0.AddMinutes(30), 184, 104), Bp("b", T0.AddMinutes(33), 184, 104)));
        var alarm = Assert.Single(await s.AlarmsAsync(session));
        using var client = s.App.CreateClient();

        using var anonymous = await client.PostAsJsonAsync($"/api/v1/alarms/{alarm.Id}/acknowledge", new { actionTaken = "x" }, TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Add(KetamineClinic.Testing.Hosting.TestUserAuthentication.Header, KetamineClinic.Testing.Hosting.TestUserAuthentication.Value(FrontDesk.UserId, FrontDesk.Name, "FrontDesk"));
        using var frontDesk = await client.PostAsJsonAsync($"/api/v1/alarms/{alarm.Id}/acknowledge", new { actionTaken = "x" }, TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Remove(KetamineClinic.Testing.Hosting.TestUserAuthentication.Header);
        client.DefaultRequestHeaders.Add(KetamineClinic.Testing.Hosting.TestUserAuthentication.Header, KetamineClinic.Testing.Hosting.TestUserAuthentication.Value(Nurse.UserId, Nurse.Name, "Nurse"));
        using var nurse = await client.PostAsJsonAsync($"/api/v1/alarms/{alarm.Id}/acknowledge", new { actionTaken = "Paused, physician called" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, frontDesk.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nurse.StatusCode);
        Assert.Equal(AlarmState.Acknowledged, Assert.Single(await s.AlarmsAsync(session)).State);
    }
}
