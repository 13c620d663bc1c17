using KetamineClinic.Web.Features.Fhir;
using KetamineClinic.Web.Features.Fhir.Security;

namespace KetamineClinic.Web.Tests.Features.Fhir;

public sealed class SmartScopeTests
{
    [Theory]
    [InlineData("system/Observation.rs", "Observation", SmartPermissions.Read | SmartPermissions.Search, "system/Observation.rs")]
    [InlineData("system/Observation.c", "Observation", SmartPermissions.Create, "system/Observation.c")]
    [InlineData("system/*.cruds", "*", SmartPermissions.All, "system/*.cruds")]
    [InlineData("system/Patient.cud", "Patient", SmartPermissions.Create | SmartPermissions.Update | SmartPermissions.Delete, "system/Patient.cud")]
    [InlineData("system/QuestionnaireResponse.cs", "QuestionnaireResponse", SmartPermissions.Create | SmartPermissions.Search, "system/QuestionnaireResponse.cs")]
    [InlineData("system/Observation.d", "Observation", SmartPermissions.Delete, "system/Observation.d")]
    [InlineData("system/Observation.u", "Observation", SmartPermissions.Update, "system/Observation.u")]
    public void GivenAV2SystemScope_WhenParsed_ThenTypeAndPermissionsAndCanonicalText(string text, string type, SmartPermissions permissions, string canonical)
    {
        Assert.True(SmartScope.TryParse(text, out var scope, out var error), error);
        Assert.Equal(type, scope.ResourceType);
        Assert.Equal(permissions, scope.Permissions);
        Assert.Equal(canonical, scope.ToString());
        Assert.Equal(type == "*", scope.IsAnyResource);
    }

    [Theory]
    [InlineData("system/Observation.read", "system/Observation.rs")]
    [InlineData("system/Observation.write", "system/Observation.cud")]
    [InlineData("system/Observation.*", "system/Observation.cruds")]
    [InlineData("system/*.read", "system/*.rs")]
    [InlineData("system/*.*", "system/*.cruds")]
    public void GivenAV1Scope_WhenParsed_ThenTheV2Equivalent(string v1, string v2)
    {
        Assert.Equal(v2, SmartScope.Parse(v1).ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("openid", "not a SMART system scope")]
    [InlineData("patient/Observation.rs", "only system/ scopes")]
    [InlineData("user/*.cruds", "only system/ scopes")]
    [InlineData("system/Observation", "not a SMART system scope")]
    [InlineData("system/Observation.", "not a SMART system scope")]
    [InlineData("system/.rs", "not a SMART system scope")]
    [InlineData("system/observation.rs", "not a FHIR R4 resource type")]
    [InlineData("system/Observaton.rs", "not a FHIR R4 resource type")]
    [InlineData("system/Observation.sr", "in that order")]
    [InlineData("system/Observation.rr", "in that order")]
    [InlineData("system/Observation.x", "in that order")]
    [InlineData("system/Observation.READ", "in that order")]
    [InlineData("system/Observation.rs?category=vital-signs", "granular scopes")]
    [InlineData("System/Observation.rs", "not a SMART system scope")]
    public void GivenAnInvalidScope_WhenParsed_ThenRefusedWithAReason(string text, string reason)
    {
        Assert.False(SmartScope.TryParse(text, out var scope, out var error));
        Assert.Null(scope);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => SmartScope.Parse(text));
    }

    [Fact]
    public void GivenAScopeOverAHundredCharacters_WhenParsed_ThenRefused()
    {
        Assert.False(SmartScope.TryParse("system/Observation." + new string('r', 90), out _, out var error));
        Assert.Contains("longer than 100", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("system/*.rs", "Observation", SmartPermissions.Read, true)]
    [InlineData("system/*.rs", "Patient", SmartPermissions.Search, true)]
    [InlineData("system/*.rs", "Observation", SmartPermissions.Create, false)]
    [InlineData("system/Observation.c", "Observation", SmartPermissions.Create, true)]
    [InlineData("system/Observation.c", "Patient", SmartPermissions.Create, false)]
    [InlineData("system/Observation.rs", "Observation", SmartPermissions.Read | SmartPermissions.Search, true)]
    [InlineData("system/Observation.r", "Observation", SmartPermissions.Read | SmartPermissions.Search, false)]
    [InlineData("system/Observation.rs", "Observation", SmartPermissions.None, false)]
    public void GivenAScope_WhenAskedIfItAllows_ThenTypeAndEveryPermissionMustMatch(string scope, string type, SmartPermissions needed, bool allowed)
    {
        Assert.Equal(allowed, SmartScope.Parse(scope).Allows(type, needed));
    }

    [Theory]
    // A typed request may combine wildcard and typed permissions.
    [InlineData("system/*.rs system/Observation.c", "system/Observation.crs", true)]
    [InlineData("system/*.rs system/Observation.c", "system/Observation.r", true)]
    [InlineData("system/*.rs system/Observation.c", "system/Patient.c", false)]
    [InlineData("system/*.rs system/Observation.c", "system/*.rs", true)]
    [InlineData("system/*.rs system/Observation.c", "system/*.r", true)]
    [InlineData("system/*.rs system/Observation.c", "system/*.c", false)]
    // Typed permissions for every type present never add up to a wildcard.
    [InlineData("system/Observation.rs system/Patient.rs", "system/*.rs", false)]
    [InlineData("system/Observation.read", "system/Observation.rs", true)]
    [InlineData("system/Observation.rs", "system/Observation.read", true)]
    [InlineData("system/Observation.rs", "system/Observation.write", false)]
    public void GivenAClientsAllowedScopes_WhenItRequestsAScope_ThenCoveredOnlyByWhatItMayHave(string allowed, string requested, bool covered)
    {
        Assert.True(SmartScopeSet.TryParse(allowed, out var set, out _));
        Assert.Equal(covered, set.Covers(SmartScope.Parse(requested)));
    }

    [Fact]
    public void GivenAListWithSeveralBadScopes_WhenParsed_ThenEveryErrorIsReportedAndTheGoodOnesKept()
    {
        Assert.False(SmartScopeSet.TryParse("system/*.rs  patient/X.r system/Observation.rs system/Foo.c system/*.rs", out var set, out var errors));
        Assert.Equal(2, errors.Count);
        Assert.Equal("system/*.rs system/Observation.rs", set.ToString());
    }

    [Fact]
    public void GivenGrantedScopesWithUnknownOnes_WhenReadFromAToken_ThenTheUnknownGrantNothing()
    {
        var set = SmartScopeSet.FromGranted(["openid", "system/Observation.rs", "launch"]);
        Assert.True(set.Allows("Observation", SmartPermissions.Read));
        Assert.False(set.Allows("Patient", SmartPermissions.Read));
        Assert.Single(set.Scopes);
    }

    [Theory]
    [InlineData(FhirInteraction.Read, SmartPermissions.Read, "read")]
    [InlineData(FhirInteraction.VRead, SmartPermissions.Read, "vread")]
    [InlineData(FhirInteraction.HistoryInstance, SmartPermissions.Read, "history-instance")]
    [InlineData(FhirInteraction.HistoryType, SmartPermissions.Search, "history-type")]
    [InlineData(FhirInteraction.SearchType, SmartPermissions.Search, "search-type")]
    [InlineData(FhirInteraction.Create, SmartPermissions.Create, "create")]
    [InlineData(FhirInteraction.Update, SmartPermissions.Update, "update")]
    [InlineData(FhirInteraction.Patch, SmartPermissions.Update, "patch")]
    [InlineData(FhirInteraction.Delete, SmartPermissions.Delete, "delete")]
    public void GivenAFhirInteraction_WhenMappedToSmart_ThenThePermissionOfTheSmartTable(FhirInteraction interaction, SmartPermissions permission, string code)
    {
        Assert.Equal(permission, interaction.RequiredPermission());
        Assert.Equal(code, interaction.Code());
    }

    [Fact]
    public void GivenPartsThatAreNotAScope_WhenBuilt_ThenRefused()
    {
        Assert.Throws<ArgumentException>(() => SmartScope.For("Observaton", SmartPermissions.Read));
        Assert.Throws<ArgumentOutOfRangeException>(() => SmartScope.For("Observation", SmartPermissions.None));
        Assert.Equal("system/Observation.r", new FhirScopeRequirement("Observation", SmartPermissions.Read).NeededScope);
    }
}
