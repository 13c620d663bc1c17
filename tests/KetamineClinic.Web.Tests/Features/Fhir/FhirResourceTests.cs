using System.Globalization;
using System.Net;
using System.Text.Json;
using KetamineClinic.Interop.Fhir.Rest;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Fhir.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests.Features.Fhir;

/// <summary>The shipped FHIR resources: reads, searches (patient, code, date prefixes, paging, sort), scopes, audit.</summary>
public sealed class FhirResourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Started(ClinicAppFactory App, HttpClient Client, FhirSeed Seed, string Token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await App.DisposeAsync();
        }

        public async Task<JsonElement> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK, string? token = "")
        {
            using var request = FhirTestKit.Get(path, token == "" ? Token : token);
            using var response = await Client.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(expected == response.StatusCode, $"{path}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        public async Task<List<string>> IdsAsync(string path) =>
            [.. Entries(await GetJsonAsync(path)).Select(e => e.GetProperty("id").GetString()!)];
    }

    private static async Task<Started> StartAsync(DatabaseProvider provider, string scopes = "system/*.rs")
    {
        var app = await ClinicAppFactory.CreateAsync(provider, demo: false);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var seed = await FhirSeed.SeedAsync(app.Services, Ct);
        var secret = await app.RegisterClientAsync("reader", scopes);
        var token = await client.GetTokenAsync("reader", secret, scopes);
        return new Started(app, client, seed, token);
    }

    private static IEnumerable<JsonElement> Entries(JsonElement bundle) =>
        bundle.TryGetProperty("entry", out var entries)
            ? entries.EnumerateArray().Where(e => e.GetProperty("search").GetProperty("mode").GetString() == "match").Select(e => e.GetProperty("resource"))
            : [];

    private static string? Link(JsonElement bundle, string relation) =>
        bundle.GetProperty("link").EnumerateArray().FirstOrDefault(l => l.GetProperty("relation").GetString() == relation) is { ValueKind: JsonValueKind.Object } l
            ? l.GetProperty("url").GetString()
            : null;

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAClinicHistory_WhenReadingOneOfEachType_ThenTheResourceAndEachReadIsAudited_AndAnUnknownIdIs404(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider, "system/*.rs system/AuditEvent.rs");
        var seed = s.Seed;
        var reads = new (string Type, string Id, Guid? Patient)[]
        {
            ("Patient", Id(seed.PatientA), seed.PatientA),
            ("Flag", Id(seed.FlagA), seed.PatientA),
            ("Encounter", Id(seed.SessionA1), seed.PatientA),
            ("Procedure", Id(seed.SessionA1), seed.PatientA),
            ("Observation", Id(seed.ReadingA1First) + "-bp", seed.PatientA),
            ("Observation", Id(seed.ReadingA1First) + "-spo2", seed.PatientA),
            ("Observation", Id(seed.WeightA), seed.PatientA),
            ("DetectedIssue", Id(seed.AlarmA1), seed.PatientA),
            ("Questionnaire", "phq-9", null),
            ("Organization", Id(seed.Clinic.OrganizationId), null),
            ("Location", Id(seed.Clinic.Riverside.Id), null),
            ("Location", Id(seed.ChairId), null),
            ("HealthcareService", Id(seed.Clinic.Riverside.Id), null),
            ("Practitioner", Id(seed.Clinic.UserId(KetamineClinic.Web.Platform.ClinicRoles.Physician)), null),
            ("PractitionerRole", Id(seed.Clinic.UserId(KetamineClinic.Web.Platform.ClinicRoles.Physician)) + "-physician", null),
            ("AuditEvent", "1", null),
        };
        foreach (var (type, id, _) in reads)
        {
            var resource = await s.GetJsonAsync($"/fhir/{type}/{id}");
            Assert.Equal(type, resource.GetProperty("resourceType").GetString());
            Assert.Equal(id, resource.GetProperty("id").GetString());
            var (code, _) = await FhirTestKit.IssueAsync(await s.Client.SendAsync(FhirTestKit.Get($"/fhir/{type}/0b7e3f3a-1d2c-4e5f-8a9b-0c1d2e3f4a5b", s.Token), Ct));
            Assert.Equal("not-found", code);
        }

        var observation = await s.GetJsonAsync($"/fhir/Observation/{Id(seed.ReadingA1First)}-bp");
        Assert.Equal("http://hl7.org/fhir/StructureDefinition/bp", observation.GetProperty("meta").GetProperty("profile")[0].GetString());
        Assert.Equal($"Encounter/{Id(seed.SessionA1)}", observation.GetProperty("encounter").GetProperty("reference").GetString());
        var issue = await s.GetJsonAsync($"/fhir/DetectedIssue/{Id(seed.AlarmA1)}");
        Assert.Equal("low", issue.GetProperty("severity").GetString());
        Assert.Equal($"Observation/{Id(seed.ReadingA1First)}-bp", issue.GetProperty("implicated")[0].GetProperty("reference").GetString());
        var questionnaire = await s.GetJsonAsync("/fhir/Questionnaire/phq-9");
        Assert.Equal("http://loinc.org/q/44249-1", questionnaire.GetProperty("url").GetString());
        var aborted = await s.GetJsonAsync($"/fhir/Procedure/{Id(seed.SessionB1)}");
        Assert.Equal("not-done", aborted.GetProperty("status").GetString());

        await using var db = await s.App.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync(Ct);
        var audited = await db.AuditEvents.Where(e => e.Action == "read" && e.ResourceType.StartsWith("fhir:")).ToListAsync(Ct);
        foreach (var (type, id, patient) in reads)
        {
            Assert.Contains(audited, e => e.ResourceType == "fhir:" + type && e.ResourceId == id && e.PatientId == patient && e.Outcome == KetamineClinic.Web.Platform.Audit.AuditOutcome.Success);
        }
        Assert.Contains(audited, e => e.ResourceType == "fhir:Patient" && e.ResourceId == "0b7e3f3a-1d2c-4e5f-8a9b-0c1d2e3f4a5b" && e.Outcome == KetamineClinic.Web.Platform.Audit.AuditOutcome.Failed);
    }

    private static readonly string[] DateQueries =
    [
        "2026", "2026-03", "2026-03-10", "eq2026-03-10", "ne2026-03-10", "lt2026-04-02", "le2026-04-02", "gt2026-03-10", "ge2026-03-10",
        "sa2026-03-10", "eb2026-04-02", "eq2026-03-10T14:15Z", "gt2026-03-10T14:15:00Z", "ge2026-03-10T14:15:00Z", "lt2026-03-10T14:15:00Z",
        "le2026-03-10T14:15:00Z", "ge2026-03-10T09:15:00-05:00", "eq2026-03-10T14:15:00.000Z", "ge2026-03-10,eq2026-04-02", "ge2026-03-10&date=lt2026-04",
    ];

    /// <summary>FHIR's implicit ranges, for the oracle: [lower, upper) of the value's precision.</summary>
    private static bool Matches(string query, DateTimeOffset at) =>
        query.Split("&date=").All(and => and.Split(',').Any(or => MatchesOne(or, at)));

    private static bool MatchesOne(string value, DateTimeOffset at)
    {
        var prefix = value[..2] is "eq" or "ne" or "lt" or "gt" or "le" or "ge" or "sa" or "eb" ? value[..2] : "eq";
        var text = prefix == value[..2] ? value[2..] : value;
        var (lower, upper) = text.Length switch
        {
            4 => (new DateTimeOffset(int.Parse(text, CultureInfo.InvariantCulture), 1, 1, 0, 0, 0, TimeSpan.Zero), 12 * 31),
            7 => (DateTimeOffset.ParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), -1),
            10 => (DateTimeOffset.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), -2),
            _ => (DateTimeOffset.Parse(text, CultureInfo.InvariantCulture), 0),
        } switch
        {
            (var l, 12 * 31) => (l, l.AddYears(1)),
            (var l, -1) => (l, l.AddMonths(1)),
            (var l, -2) => (l, l.AddDays(1)),
            (var l, _) => (l, text.Contains('.', StringComparison.Ordinal) ? l.AddMilliseconds(1) : text.Count(c => c == ':') >= 3 || (text.EndsWith('Z') && text.Count(c => c == ':') == 2) ? l.AddSeconds(1) : l.AddMinutes(1)),
        };
        return prefix switch
        {
            "eq" => at >= lower && at < upper,
            "ne" => at < lower || at >= upper,
            "lt" or "eb" => at < lower,
            "gt" or "sa" => at >= upper,
            "le" => at < upper,
            _ => at >= lower,
        };
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenReadingsAndWeights_WhenSearchingObservationsByPatientCodeAndEveryDatePrefix_ThenExactlyTheMatchingOnes(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var seed = s.Seed;
        var a = Id(seed.PatientA);

        Assert.Equal(Expected(o => o.PatientId == seed.PatientA), await AllIdsAsync(s, $"/fhir/Observation?patient=Patient/{a}"));
        Assert.Equal(Expected(o => o.PatientId == seed.PatientA), await AllIdsAsync(s, $"/fhir/Observation?subject={a}"));
        Assert.Equal(Expected(o => o.PatientId == seed.PatientA && o.Code == "8867-4"), await AllIdsAsync(s, $"/fhir/Observation?patient={a}&code=http://loinc.org|8867-4"));
        Assert.Equal(Expected(o => o.Code is "8867-4" or "29463-7"), await AllIdsAsync(s, "/fhir/Observation?code=8867-4,http://loinc.org|29463-7"));
        Assert.Equal(Expected(o => o.SessionId == seed.SessionA2), await AllIdsAsync(s, $"/fhir/Observation?encounter=Encounter/{Id(seed.SessionA2)}"));
        Assert.Empty(await AllIdsAsync(s, "/fhir/Observation?code=http://snomed.info/sct|8867-4"));
        foreach (var date in DateQueries)
        {
            var expected = Expected(o => Matches(date, o.At));
            Assert.True(expected.SequenceEqual(await AllIdsAsync(s, $"/fhir/Observation?date={date.Replace("+", "%2B", StringComparison.Ordinal)}")), $"date={date}");
        }
        Assert.NotEmpty(Expected(o => Matches("ne2026-03-10", o.At)));

        // Encounters are periods (arrival → discharge); the aborted session ended at abort.
        Assert.Equal(new[] { Id(seed.SessionA1), Id(seed.SessionB1) }.Order(StringComparer.Ordinal), (await s.IdsAsync("/fhir/Encounter?date=2026-03-10")).Order(StringComparer.Ordinal));
        Assert.Equal([Id(seed.SessionA2)], await s.IdsAsync($"/fhir/Encounter?patient={a}&date=sa2026-03-11"));
        Assert.Equal([Id(seed.SessionA1)], await s.IdsAsync($"/fhir/Procedure?patient={a}&date=eb2026-04-01"));
        Assert.Equal([Id(seed.FlagA)], await s.IdsAsync($"/fhir/Flag?patient={a}&date=ge2026-01-01"));
        Assert.Equal([Id(seed.AlarmA1)], await s.IdsAsync($"/fhir/DetectedIssue?patient={a}&identified=2026-03"));

        List<string> Expected(Func<SeededObservation, bool> filter) =>
            [.. seed.Observations.Where(filter).OrderBy(o => o.At).ThenBy(o => o.Id, StringComparer.Ordinal).Select(o => o.Id)];
    }

    /// <summary>Follows next links from the first page; asserts the total on every page.</summary>
    private static async Task<List<string>> AllIdsAsync(Started s, string path)
    {
        var ids = new List<string>();
        string? next = path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "_count=4";
        while (next is not null)
        {
            var bundle = await s.GetJsonAsync(next);
            ids.AddRange(Entries(bundle).Select(e => e.GetProperty("id").GetString()!));
            Assert.True(bundle.GetProperty("total").GetInt32() >= ids.Count);
            next = Link(bundle, "next") is { } url ? new Uri(url).PathAndQuery : null;
        }
        return ids;
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenSmallPages_WhenWalkingNextThenPreviousLinks_ThenEveryMatchOnceInOrder_AndSortDescendingReverses(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var all = s.Seed.Observations.OrderBy(o => o.At).ThenBy(o => o.Id, StringComparer.Ordinal).Select(o => o.Id).ToList();

        var pages = new List<List<string>>();
        string? url = "/fhir/Observation?_count=5";
        JsonElement last = default;
        while (url is not null)
        {
            last = await s.GetJsonAsync(url);
            Assert.Equal(all.Count, last.GetProperty("total").GetInt32());
            Assert.Equal(new Uri(Link(last, "self")!).PathAndQuery, url);
            pages.Add([.. Entries(last).Select(e => e.GetProperty("id").GetString()!)]);
            url = Link(last, "next") is { } next ? new Uri(next).PathAndQuery : null;
        }
        Assert.Equal(all, pages.SelectMany(p => p).ToList());
        Assert.All(pages.SkipLast(1), p => Assert.Equal(5, p.Count));

        var back = new List<List<string>>();
        url = new Uri(Link(last, "self")!).PathAndQuery;
        while (url is not null)
        {
            var bundle = await s.GetJsonAsync(url);
            back.Add([.. Entries(bundle).Select(e => e.GetProperty("id").GetString()!)]);
            url = Link(bundle, "previous") is { } previous ? new Uri(previous).PathAndQuery : null;
        }
        back.Reverse();
        Assert.Equal(pages, back);

        var descending = await AllIdsAsync(s, "/fhir/Observation?_sort=-date");
        Assert.Equal(Enumerable.Reverse(all), descending);
        var dates = Entries(await s.GetJsonAsync("/fhir/Observation?_sort=-date&_count=100")).Select(e => DateTimeOffset.Parse(e.GetProperty("effectiveDateTime").GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderDescending(), dates);

        var totalOnly = await s.GetJsonAsync("/fhir/Observation?_count=0");
        Assert.Equal(all.Count, totalOnly.GetProperty("total").GetInt32());
        Assert.Empty(Entries(totalOnly));
    }

    [Fact]
    public async Task GivenCategoryAndStatusFilters_WhenSearching_ThenOnlyMatchingResources()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);
        var seed = s.Seed;
        var count = seed.Observations.Count;

        Assert.Equal(count, (await s.GetJsonAsync("/fhir/Observation?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await s.GetJsonAsync("/fhir/Observation?category=survey")).GetProperty("total").GetInt32());
        Assert.Equal(count, (await s.GetJsonAsync("/fhir/Observation?status=final")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await s.GetJsonAsync("/fhir/Observation?status=preliminary")).GetProperty("total").GetInt32());
        Assert.Equal([Id(seed.SessionB1)], await s.IdsAsync("/fhir/Encounter?status=finished&patient=" + Id(seed.PatientB)));
        Assert.Equal(2, (await s.GetJsonAsync("/fhir/Encounter?status=finished&patient=" + Id(seed.PatientA))).GetProperty("total").GetInt32());
        Assert.Equal(0, (await s.GetJsonAsync("/fhir/Encounter?status=in-progress")).GetProperty("total").GetInt32());
        Assert.Equal([Id(seed.SessionB1)], await s.IdsAsync("/fhir/Procedure?status=not-done"));
        Assert.Empty(await s.IdsAsync("/fhir/Procedure?status=stopped"));
        Assert.Equal(2, (await s.GetJsonAsync("/fhir/Procedure?status=completed")).GetProperty("total").GetInt32());
        Assert.Equal([Id(seed.FlagA)], await s.IdsAsync("/fhir/Flag?status=active"));
        Assert.Equal([Id(seed.PatientA)], await s.IdsAsync("/fhir/Patient?identifier=https://ketamine.clinic/fhir/sid/mrn|KC-100001"));
        Assert.Equal(["phq-9"], await s.IdsAsync("/fhir/Questionnaire?url=http://loinc.org/q/44249-1"));
        Assert.Equal([Id(seed.AlarmA1)], await s.IdsAsync("/fhir/DetectedIssue?code=VS-BP-01"));
    }

    [Theory]
    [InlineData("/fhir/Observation?colour=blue", "Unknown search parameter 'colour'")]
    [InlineData("/fhir/Observation?date=2026-13-01", "not a valid date")]
    [InlineData("/fhir/Observation?date=ap2026-03-10", "prefix 'ap' is not supported")]
    [InlineData("/fhir/Observation?date=yesterday", "not a FHIR date search value")]
    [InlineData("/fhir/Observation?patient=Practitioner/0b7e3f3a-1d2c-4e5f-8a9b-0c1d2e3f4a5b", "not a reference to a Patient")]
    [InlineData("/fhir/Observation?code:text=heart", "modifier of 'code:text'")]
    [InlineData("/fhir/Observation?_count=many", "_count must be")]
    [InlineData("/fhir/Observation?_sort=code", "_sort supports date")]
    [InlineData("/fhir/Patient?_sort=date", "cannot be sorted")]
    public async Task GivenAnUnknownOrMalformedParameter_WhenSearching_Then400OperationOutcome_UnlessLenient(string path, string message)
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);

        using var response = await s.Client.SendAsync(FhirTestKit.Get(path, s.Token), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (code, diagnostics) = await FhirTestKit.IssueAsync(response);
        Assert.Equal("invalid", code);
        Assert.Contains(message, diagnostics, StringComparison.Ordinal);

        using var lenient = FhirTestKit.Get(path, s.Token);
        lenient.Headers.Add("Prefer", "handling=lenient");
        using var ok = await s.Client.SendAsync(lenient, Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var bundle = JsonDocument.Parse(await ok.Content.ReadAsStringAsync(Ct));
        var outcome = bundle.RootElement.GetProperty("entry").EnumerateArray().Single(e => e.GetProperty("search").GetProperty("mode").GetString() == "outcome");
        Assert.Contains(message, outcome.GetProperty("resource").GetProperty("issue")[0].GetProperty("diagnostics").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(path.Split('?')[1].Replace(":", "%3A", StringComparison.Ordinal), Link(bundle.RootElement, "self"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTokensWithoutTheScope_WhenReading_Then403_AndTheWildcardNeverOpensTheAuditTrail()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite, "system/Patient.rs");
        var seed = s.Seed;

        await s.GetJsonAsync($"/fhir/Patient/{Id(seed.PatientA)}");
        await s.GetJsonAsync($"/fhir/Observation?patient={Id(seed.PatientA)}", HttpStatusCode.Forbidden);
        await s.GetJsonAsync($"/fhir/Encounter/{Id(seed.SessionA1)}", HttpStatusCode.Forbidden);

        var wildcardSecret = await s.App.RegisterClientAsync("wildcard", "system/*.rs");
        var wildcard = await s.Client.GetTokenAsync("wildcard", wildcardSecret, "system/*.rs");
        await s.GetJsonAsync("/fhir/AuditEvent", HttpStatusCode.Forbidden, wildcard);
        await s.GetJsonAsync("/fhir/AuditEvent/1", HttpStatusCode.Forbidden, wildcard);
        using var refused = await s.Client.RequestTokenAsync("wildcard", wildcardSecret, "system/AuditEvent.rs");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var auditorSecret = await s.App.RegisterClientAsync("auditor", "system/AuditEvent.rs");
        var auditor = await s.Client.GetTokenAsync("auditor", auditorSecret, "system/AuditEvent.rs");
        var events = await s.GetJsonAsync($"/fhir/AuditEvent?patient={Id(seed.PatientA)}&_sort=-date", HttpStatusCode.OK, auditor);
        Assert.True(events.GetProperty("total").GetInt32() >= 1);
        Assert.All(Entries(events), e => Assert.Equal("AuditEvent", e.GetProperty("resourceType").GetString()));
        await s.GetJsonAsync($"/fhir/Patient/{Id(seed.PatientA)}", HttpStatusCode.Forbidden, auditor);
    }

    [Fact]
    public async Task GivenNoToken_WhenReadingTheDirectory_Then200_ButPatientDataIs401()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);
        var seed = s.Seed;

        foreach (var path in new[] { "/fhir/Organization", "/fhir/Location", "/fhir/HealthcareService", "/fhir/Practitioner", "/fhir/PractitionerRole",
            $"/fhir/Location?partof=Location/{Id(seed.Clinic.Riverside.Id)}", $"/fhir/Organization/{Id(seed.Clinic.OrganizationId)}",
            $"/fhir/Practitioner/{Id(seed.Clinic.UserId(KetamineClinic.Web.Platform.ClinicRoles.Nurse))}" })
        {
            await s.GetJsonAsync(path, HttpStatusCode.OK, token: null);
        }
        var practitioners = await s.GetJsonAsync("/fhir/Practitioner", HttpStatusCode.OK, token: null);
        // Physician, nurse and pharmacist are practitioners; front desk and administrator are not.
        Assert.Equal(3, practitioners.GetProperty("total").GetInt32());
        var chairs = await s.GetJsonAsync($"/fhir/Location?partof={Id(seed.Clinic.Riverside.Id)}", HttpStatusCode.OK, token: null);
        Assert.Equal(seed.Clinic.Riverside.Chairs.Count, chairs.GetProperty("total").GetInt32());

        foreach (var path in new[] { $"/fhir/Patient/{Id(seed.PatientA)}", "/fhir/Patient", "/fhir/Observation", "/fhir/AuditEvent", "/fhir/Questionnaire" })
        {
            var outcome = await s.GetJsonAsync(path, HttpStatusCode.Unauthorized, token: null);
            Assert.Equal("login", outcome.GetProperty("issue")[0].GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task GivenASearch_WhenItReturns_ThenOneAuditCommitNamesTheCriteriaAndTheMatchesPerPatient()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);
        await s.GetJsonAsync("/fhir/Observation?code=8867-4&_count=100");

        await using var db = await s.App.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync(Ct);
        var events = await db.AuditEvents.Where(e => e.ResourceType == "fhir:Observation" && e.Action == "search").ToListAsync(Ct);
        Assert.Equal(new[] { s.Seed.PatientA, s.Seed.PatientB }.Order(), events.Select(e => e.PatientId!.Value).Order()); // ids are random: compare as sets
        Assert.All(events, e => Assert.Equal("criteria: _count,code; matches: 9", e.Detail));
    }

    [Fact]
    public void GivenTheScopeParserTypeList_ThenItIsExactlyFirelysR4ResourceList()
    {
        Assert.Equal(FhirModel.ResourceTypes.Order(StringComparer.Ordinal), FhirResourceTypes.R4.Order(StringComparer.Ordinal));
    }

    private static string Id(Guid id) => id.ToString("D");
}
