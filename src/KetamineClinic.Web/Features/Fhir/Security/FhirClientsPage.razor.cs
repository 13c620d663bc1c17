using Microsoft.AspNetCore.Components;

namespace KetamineClinic.Web.Features.Fhir.Security;

/// <summary>/admin/fhir-clients: list, register (secret shown once), rotate a secret, disable and enable clients.</summary>
public sealed partial class FhirClientsPage
{
    internal enum ClientAction
    {
        Rotate,
        Disable,
        Enable,
    }

    private static readonly string[] Suggestions =
    [
        "system/*.rs", "system/Observation.rs", "system/Observation.c", "system/Patient.rs", "system/QuestionnaireResponse.c",
    ];

    private readonly FhirClientForm _form = new();
    private IReadOnlyList<FhirClientSummary>? _clients;
    private List<string> _errors = [];
    private (string ClientId, string Secret)? _secret;
    private (string ClientId, ClientAction Action)? _confirm;
    private string? _message;
    private bool _busy;

    [Inject] private FhirClientRegistry Registry { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _clients = await Registry.ListAsync(CancellationToken.None);

    private void AddScope(string scope)
    {
        var scopes = (_form.Scopes ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!scopes.Contains(scope, StringComparer.Ordinal))
        {
            scopes.Add(scope);
        }
        _form.Scopes = string.Join(' ', scopes);
    }

    private async Task RegisterAsync()
    {
        await RunAsync(async () =>
        {
            var result = await Registry.RegisterAsync(_form.ClientId, _form.DisplayName, _form.Scopes, CancellationToken.None);
            if (Show(result, null))
            {
                _form.Clear();
            }
        });
    }

    private void Ask(string clientId, ClientAction action)
    {
        _confirm = (clientId, action);
        _message = null;
    }

    private static string ConfirmText((string ClientId, ClientAction Action) confirm) => confirm.Action switch
    {
        ClientAction.Rotate => $"Rotate the secret of {confirm.ClientId}? The current secret and every token it holds stop working at once.",
        ClientAction.Disable => $"Disable {confirm.ClientId}? It gets no more tokens and the ones it holds stop working at once.",
        ClientAction.Enable => $"Enable {confirm.ClientId} again? It can get tokens with its secret.",
    };

    private async Task ConfirmAsync()
    {
        if (_confirm is not { } confirm)
        {
            return;
        }
        _confirm = null;
        await RunAsync(async () =>
        {
            var result = confirm.Action switch
            {
                ClientAction.Rotate => await Registry.RotateSecretAsync(confirm.ClientId, CancellationToken.None),
                ClientAction.Disable => await Registry.SetDisabledAsync(confirm.ClientId, disabled: true, CancellationToken.None),
                ClientAction.Enable => await Registry.SetDisabledAsync(confirm.ClientId, disabled: false, CancellationToken.None),
            };
            Show(result, confirm.Action switch
            {
                ClientAction.Rotate => null,
                ClientAction.Disable => $"{confirm.ClientId} is disabled.",
                ClientAction.Enable => $"{confirm.ClientId} is enabled.",
            });
        });
    }

    private bool Show(FhirClientResult result, string? message)
    {
        switch (result)
        {
            case FhirClientResult.Done done:
                _errors = [];
                _secret = done.Secret is null ? null : (done.ClientId, done.Secret);
                _message = message;
                return true;
            case FhirClientResult.Refused refused:
                _errors = [.. refused.Errors];
                _secret = null;
                _message = null;
                return false;
            default:
                throw new InvalidOperationException($"Unexpected result {result}.");
        }
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        try
        {
            await action();
            _clients = await Registry.ListAsync(CancellationToken.None);
        }
        finally
        {
            _busy = false;
        }
    }
}

/// <summary>The register form (never bound to the OpenIddict entity).</summary>
internal sealed class FhirClientForm
{
    public string? ClientId { get; set; }
    public string? DisplayName { get; set; }
    public string? Scopes { get; set; }

    public void Clear() => ClientId = DisplayName = Scopes = null;
}
