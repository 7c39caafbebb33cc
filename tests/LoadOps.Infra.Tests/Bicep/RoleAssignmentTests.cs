using System.Text.RegularExpressions;

namespace LoadOps.Infra.Tests.Bicep;

public sealed partial class RoleAssignmentTests(CompiledTemplateFixture fixture)
{
    private const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    private const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    private const string UserAccessAdministrator = "18d7d88d-e35f-4b5f-a5e3-d4b3a0a1d3e1";
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    private readonly CompiledTemplate template = fixture.Template;

    [Fact]
    public void No_deployment_targets_a_subscription_or_tenant()
    {
        Assert.DoesNotContain("subscriptionDeploymentTemplate", template.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("tenantDeploymentTemplate", template.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("managementGroupDeploymentTemplate", template.Text, StringComparison.Ordinal);
        var assignments = template.OfType("Microsoft.Authorization/roleAssignments").ToList();
        Assert.NotEmpty(assignments);
        Assert.All(assignments, assignment => Assert.DoesNotContain("subscription().id", (string?)assignment.Body["scope"] ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Broad_built_in_roles_are_never_assigned()
    {
        foreach (var role in new[] { Owner, Contributor, UserAccessAdministrator })
            Assert.DoesNotContain(role, template.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Container_instance_rights_are_scoped_to_the_runner_resource_group()
    {
        var definition = Assert.Single(template.OfType("Microsoft.Authorization/roleDefinitions"));
        Assert.Equal("[parameters('runnerResourceGroupName')]", definition.ResourceGroup);
        Assert.Equal(["[resourceGroup().id]"], definition.Property("assignableScopes")!.AsArray().Select(scope => (string?)scope));
        var actions = definition.Property("permissions")![0]!["actions"]!.AsArray().Select(action => (string)action!).ToList();
        Assert.Contains("Microsoft.ContainerInstance/containerGroups/*", actions);
        Assert.All(actions, action => Assert.NotEqual("*", action));

        var definitionName = ((string)definition.Body["name"]!).Trim('[', ']');
        var assignment = Assert.Single(template.OfType("Microsoft.Authorization/roleAssignments"),
            candidate => ((string?)candidate.Property("roleDefinitionId") ?? string.Empty).Contains(definitionName, StringComparison.Ordinal));
        Assert.Equal(definition.DeploymentPath, assignment.DeploymentPath);
        Assert.Equal("[parameters('runnerResourceGroupName')]", assignment.ResourceGroup);
        Assert.Null(assignment.Body["scope"]);
    }

    [Fact]
    public void Storage_roles_are_exactly_blob_owner_queue_and_table_contributor_on_the_account()
    {
        var assignment = Assert.Single(template.OfType("Microsoft.Authorization/roleAssignments"),
            candidate => ((string?)candidate.Body["scope"] ?? string.Empty).Contains("Microsoft.Storage/storageAccounts", StringComparison.Ordinal));
        Assert.NotNull(assignment.Body["copy"]);
        var roles = RoleIds(assignment.Template["variables"]!["roles"]!.ToJsonString());
        Assert.Equal(new[] { BlobDataOwner, QueueDataContributor, TableDataContributor }.Order(), roles.Order());
    }

    [Fact]
    public void Key_vault_secrets_user_is_granted_on_the_vault_only()
    {
        var assignment = Assert.Single(template.OfType("Microsoft.Authorization/roleAssignments"),
            candidate => candidate.Template.ToJsonString().Contains(KeyVaultSecretsUser, StringComparison.Ordinal)
                && ((string?)candidate.Property("roleDefinitionId") ?? string.Empty).Contains("secretsUser", StringComparison.Ordinal));
        Assert.Contains("Microsoft.KeyVault/vaults", (string?)assignment.Body["scope"], StringComparison.Ordinal);
        var vault = template.Single("Microsoft.KeyVault/vaults");
        Assert.True((bool?)vault.Property("enableRbacAuthorization"));
    }

    private static List<string> RoleIds(string json) => [.. RoleGuid().Matches(json).Select(match => match.Value)];

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex RoleGuid();
}
