using System.Text.Json.Nodes;

namespace LoadOps.Infra.Tests.Bicep;

public sealed class FunctionAppTemplateTests(CompiledTemplateFixture fixture)
{
    private readonly ArmResource site = fixture.Template.Single("Microsoft.Web/sites");

    private Dictionary<string, string> AppSettings()
    {
        var settings = site.Resolve(site.Property("siteConfig.appSettings")) as JsonArray;
        Assert.NotNull(settings);
        return settings.OfType<JsonObject>().ToDictionary(setting => (string)setting["name"]!, setting => (string)setting["value"]!);
    }

    [Fact]
    public void Runs_as_a_user_assigned_identity_only()
    {
        Assert.Equal("UserAssigned", (string?)site.Body["identity"]?["type"]);
        var identities = site.Body["identity"]?["userAssignedIdentities"]?.AsObject();
        Assert.NotNull(identities);
        Assert.Single(identities);
        Assert.Equal("[parameters('identityId')]", (string?)site.Property("keyVaultReferenceIdentity"));
    }

    [Fact]
    public void Is_a_linux_function_app_on_flex_consumption_running_the_dotnet_10_isolated_worker()
    {
        Assert.Equal("functionapp,linux", (string?)site.Body["kind"]);
        Assert.Equal("dotnet-isolated", (string?)site.Property("functionAppConfig.runtime.name"));
        Assert.Equal("10.0", (string?)site.Property("functionAppConfig.runtime.version"));
        var plan = fixture.Template.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FlexConsumption", (string?)plan.Body["sku"]?["tier"]);
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_WORKER_RUNTIME_VERSION")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    public void Sets_none_of_the_settings_flex_consumption_refuses(string setting)
    {
        // Flex takes the stack from functionAppConfig and the package from functionAppConfig.deployment.
        Assert.DoesNotContain(setting, AppSettings().Keys);
    }

    [Fact]
    public void The_queue_trigger_connection_is_the_identity_based_loadops_account()
    {
        var settings = AppSettings();
        // Every queue trigger names the AzureWebJobsStorage connection (checked in functions.metadata by the Functions
        // tests); the stages write to LoadOps:Storage. Both must be one account, without a name prefix.
        Assert.Equal(settings["AzureWebJobsStorage__accountName"], settings["LoadOps__Storage__AccountName"]);
        Assert.DoesNotContain("LoadOps__Storage__NamePrefix", settings.Keys);
    }

    [Fact]
    public void Serves_https_only_with_tls_1_2_and_no_ftp()
    {
        Assert.True((bool?)site.Property("httpsOnly"));
        Assert.Equal("1.2", (string?)site.Property("siteConfig.minTlsVersion"));
        Assert.Equal("1.2", (string?)site.Property("siteConfig.scmMinTlsVersion"));
        Assert.Equal("Disabled", (string?)site.Property("siteConfig.ftpsState"));
        var publishing = fixture.Template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, publishing.Count);
        Assert.All(publishing, policy => Assert.False((bool?)policy.Property("allow")));
    }

    [Fact]
    public void Host_storage_uses_the_managed_identity_not_a_connection_string()
    {
        var settings = AppSettings();
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal("UserAssignedIdentity", (string?)site.Property("functionAppConfig.deployment.storage.authentication.type"));
    }

    [Fact]
    public void No_setting_carries_an_account_key_or_connection_string()
    {
        foreach (var (name, value) in AppSettings())
        {
            Assert.DoesNotContain("AccountKey", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys(", value, StringComparison.OrdinalIgnoreCase);
            Assert.False(name.Contains("CONNECTION_STRING", StringComparison.OrdinalIgnoreCase) && name != "APPLICATIONINSIGHTS_CONNECTION_STRING",
                $"{name} looks like a connection string setting");
        }
    }

    [Fact]
    public void Secret_settings_are_key_vault_references()
    {
        var secretNames = AppSettings().Where(setting =>
            setting.Key.EndsWith("Secret", StringComparison.Ordinal) || setting.Key.EndsWith("PrivateKey", StringComparison.Ordinal)
            || setting.Key.Contains("Password", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Contains(secretNames, setting => setting.Key == "LoadOps__GitHub__WebhookSecret");
        Assert.Contains(secretNames, setting => setting.Key == "LoadOps__GitHub__PrivateKey");

        var reference = (string?)site.Template["functions"]?[0]?["members"]?["keyVaultReference"]?["output"]?["value"];
        Assert.NotNull(reference);
        Assert.StartsWith("[format('@Microsoft.KeyVault(VaultName={0};SecretName={1})'", reference, StringComparison.Ordinal);
        Assert.All(secretNames, setting => Assert.StartsWith("[__bicep.keyVaultReference(", setting.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Telemetry_goes_to_application_insights_with_entra_auth()
    {
        var settings = AppSettings();
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", settings.Keys);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        var insights = fixture.Template.Single("Microsoft.Insights/components");
        Assert.True((bool?)insights.Property("DisableLocalAuth"));
    }

    [Fact]
    public void Aci_settings_name_properties_the_launcher_reads()
    {
        var aciProperties = typeof(LoadOps.Cloud.Aci.AciOptions).GetProperties().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var aciSettings = AppSettings().Keys.Where(name => name.StartsWith("LoadOps__Aci__", StringComparison.Ordinal)).ToList();

        Assert.Contains("LoadOps__Aci__Image", aciSettings);
        Assert.All(aciSettings, name => Assert.Contains(name["LoadOps__Aci__".Length..], aciProperties));
    }
}
