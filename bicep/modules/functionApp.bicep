// The LoadOps Functions app: a .NET 10 isolated-worker app (functions/LoadOps.Functions, published with
// `dotnet publish`) on the Flex Consumption plan. Flex takes the language stack from functionAppConfig.runtime
// (dotnet-isolated 10.0) and refuses the legacy FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION /
// FUNCTIONS_WORKER_RUNTIME_VERSION app settings, so they are not set here. Flex needs no Azure Files content share
// (which would require a storage account key) and scales to zero.

@description('Function App name (becomes <name>.azurewebsites.net).')
param name string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Storage account holding the LoadOps state and the Functions host state.')
param storageAccountName string

@description('Blob endpoint of that storage account, e.g. https://name.blob.core.windows.net/.')
param storageBlobEndpoint string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Upper bound of Flex instances (caps cost and the rate at which LoadOps can start runners).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per Flex instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Key Vault holding the GitHub and Slack secrets.')
param keyVaultName string

@description('GitHub App id (not a secret).')
param githubAppId string

@description('Vault secret name of the GitHub webhook secret.')
param githubWebhookSecretName string

@description('Vault secret name of the GitHub App private key.')
param githubAppPrivateKeySecretName string

@description('Resource group where the app starts runner containers.')
param runnerResourceGroupName string

@description('Resource id of the identity runner containers use to pull their image.')
param runnerIdentityId string

@description('Runner image reference.')
param runnerImage string

@description('Service Bus namespace for BYO pools; empty when not deployed.')
param serviceBusNamespace string

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

var appSettings = [
  // Identity-based host storage: no AccountKey anywhere. The queue triggers use this connection (AzureWebJobsStorage)
  // too, so the host's account is the LoadOps account below.
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
  // DefaultAzureCredential in the worker picks the user-assigned identity from this.
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  // LoadOps configuration (ASP.NET Core configuration: "__" separates sections). Secrets are Key Vault references
  // resolved by the platform with keyVaultReferenceIdentity; Slack webhook URLs named by definitions
  // (notify.slack.webhookSecret) are read from the same vault at run time, so adding one needs no redeployment.
  { name: 'LoadOps__GitHub__AppId', value: githubAppId }
  { name: 'LoadOps__GitHub__WebhookSecret', value: keyVaultReference(keyVaultName, githubWebhookSecretName) }
  { name: 'LoadOps__GitHub__PrivateKey', value: keyVaultReference(keyVaultName, githubAppPrivateKeySecretName) }
  { name: 'LoadOps__KeyVault__Name', value: keyVaultName }
  { name: 'LoadOps__Storage__AccountName', value: storageAccountName }
  { name: 'LoadOps__Storage__ManagedIdentityClientId', value: identityClientId }
  { name: 'LoadOps__ServiceBus__Namespace', value: serviceBusNamespace }
  // The ACI launcher (names of AciOptions). All empty without a runner image: the app then treats LoadOps:Aci as
  // absent and refuses azure/<region> shards saying what to set (a half-filled section would stop it at start).
  { name: 'LoadOps__Aci__SubscriptionId', value: aciEnabled ? subscription().subscriptionId : '' }
  { name: 'LoadOps__Aci__ResourceGroup', value: aciEnabled ? runnerResourceGroupName : '' }
  { name: 'LoadOps__Aci__Image', value: runnerImage }
  { name: 'LoadOps__Aci__ManagedIdentityClientId', value: aciEnabled ? identityClientId : '' }
  { name: 'LoadOps__Aci__RunnerIdentityResourceId', value: aciEnabled ? runnerIdentityId : '' }
]

var aciEnabled = !empty(runnerImage)

func keyVaultReference(vault string, secret string) string => '@Microsoft.KeyVault(VaultName=${vault};SecretName=${secret})'

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: appSettings
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// No FTP or basic-auth deployments: publishing goes through Entra (OIDC in the deploy workflow).
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

output name string = site.name
output hostName string = site.properties.defaultHostName
