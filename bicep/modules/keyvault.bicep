// Key Vault in RBAC mode for the GitHub App private key, the webhook secret and Slack webhook URLs.
// The template creates no secret values: operators set them out of band (docs/install-azure.md), so no secret
// ever passes through a deployment parameter or the deployment history.

@description('Key Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Principal id of the Function App identity (gets Key Vault Secrets User on this vault only).')
param principalId string

@description('Resource id of that identity (a deterministic seed for role assignment names).')
param identityId string

@description('Object id of a user or group that may set secrets (Key Vault Secrets Officer). Empty: assign it yourself.')
param vaultWriterPrincipalId string

@description('Principal type of vaultWriterPrincipalId.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param vaultWriterPrincipalType string

var secretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var secretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityId, secretsUser)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUser)
  }
}

resource vaultWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(vaultWriterPrincipalId)) {
  name: guid(vault.id, vaultWriterPrincipalId, secretsOfficer)
  scope: vault
  properties: {
    principalId: vaultWriterPrincipalId
    principalType: vaultWriterPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficer)
  }
}

@description('Vault URI, e.g. https://name.vault.azure.net/ (secret references are built from it).')
output uri string = vault.properties.vaultUri
output name string = vault.name
