// LoadOps on Azure: the Functions app (.NET isolated worker on Flex Consumption) with its storage, Key Vault,
// monitoring, identity and the rights it needs to start runner containers in a separate resource group. Deploy with
//   az deployment group create -g <app-rg> -f bicep/main.bicep -p runnerResourceGroupName=<runner-rg> ...
// (docs/install-azure.md). Both resource groups must exist first.

targetScope = 'resourceGroup'

@description('Azure region for every resource. Defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Short lowercase prefix for resource names: letters, digits and hyphens, starting with a letter.')
@minLength(3)
@maxLength(12)
param baseName string = 'loadops'

@description('Function App name; must be globally unique (it becomes <name>.azurewebsites.net).')
@minLength(2)
@maxLength(60)
param functionAppName string = '${baseName}-func-${uniqueString(resourceGroup().id)}'

@description('Existing resource group where runner containers (Azure Container Instances) are created. The app gets rights there only.')
param runnerResourceGroupName string

@description('Runner locations that get a shard queue, as queue-name suffixes: "azure/westeurope" becomes "azure-westeurope".')
param shardQueueSuffixes string[] = ['azure-${location}']

@description('Deploy a Service Bus namespace with one queue per BYO runner pool.')
param deployServiceBus bool = false

@description('BYO runner pool names ([a-z0-9-]); used only when deployServiceBus is true.')
param runnerPools string[] = []

@description('Deploy an Azure Container Registry for the runner image (otherwise runnerImage must name a pullable image).')
param deployContainerRegistry bool = false

@description('Runner image reference, e.g. ghcr.io/<owner>/loadops-runner:1.2.3. Empty with deployContainerRegistry: <acr>/loadops-runner:latest.')
param runnerImage string = ''

@description('GitHub App id (a number, not a secret). Empty until the app is registered (docs/github-app.md).')
param githubAppId string = ''

@description('Key Vault secret name holding the GitHub webhook secret.')
param githubWebhookSecretName string = 'github-webhook-secret'

@description('Key Vault secret name holding the GitHub App private key (PEM).')
param githubAppPrivateKeySecretName string = 'github-app-private-key'

@description('Object id of a user or group allowed to set the vault\'s secrets. Empty: grant Key Vault Secrets Officer yourself.')
param vaultWriterPrincipalId string = ''

@description('Principal type of vaultWriterPrincipalId.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param vaultWriterPrincipalType string = 'User'

@description('Upper bound of Flex Consumption instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per Flex Consumption instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Tags applied to every resource.')
param tags object = { application: 'loadops' }

var suffix = uniqueString(resourceGroup().id)
var deploymentContainerName = 'app-package'

// The one identity the Function App runs as; each module grants it the roles it needs on its own resources only.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-app-id'
  location: location
  tags: tags
}

var runnerIdentityName = '${baseName}-runner-id'
var runnerIdentityId = resourceId(
  subscription().subscriptionId,
  runnerResourceGroupName,
  'Microsoft.ManagedIdentity/userAssignedIdentities',
  runnerIdentityName
)

module monitoring 'modules/monitoring.bicep' = {
  name: 'loadops-monitoring'
  params: {
    baseName: baseName
    location: location
    tags: tags
    retentionInDays: logRetentionDays
    principalId: identity.properties.principalId
    identityId: identity.id
  }
}

module storage 'modules/storage.bicep' = {
  name: 'loadops-storage'
  params: {
    name: take('st${replace(baseName, '-', '')}${suffix}', 24)
    location: location
    tags: tags
    principalId: identity.properties.principalId
    identityId: identity.id
    shardQueueSuffixes: shardQueueSuffixes
    deploymentContainerName: deploymentContainerName
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'loadops-keyvault'
  params: {
    name: '${take(baseName, 8)}-kv-${take(suffix, 12)}'
    location: location
    tags: tags
    principalId: identity.properties.principalId
    identityId: identity.id
    vaultWriterPrincipalId: vaultWriterPrincipalId
    vaultWriterPrincipalType: vaultWriterPrincipalType
  }
}

module runnerAccess 'modules/runnerAccess.bicep' = {
  name: 'loadops-runner-access'
  scope: resourceGroup(runnerResourceGroupName)
  params: {
    location: location
    tags: tags
    appPrincipalId: identity.properties.principalId
    appIdentityId: identity.id
    runnerIdentityName: runnerIdentityName
  }
}

module registry 'modules/registry.bicep' = if (deployContainerRegistry) {
  name: 'loadops-registry'
  params: {
    name: take('acr${replace(baseName, '-', '')}${suffix}', 50)
    location: location
    tags: tags
    pullPrincipalId: runnerAccess.outputs.runnerIdentityPrincipalId
    pullIdentityId: runnerIdentityId
  }
}

module serviceBus 'modules/servicebus.bicep' = if (deployServiceBus) {
  name: 'loadops-servicebus'
  params: {
    name: '${baseName}-sb-${suffix}'
    location: location
    tags: tags
    principalId: identity.properties.principalId
    identityId: identity.id
    pools: runnerPools
  }
}

var registryServer = deployContainerRegistry ? registry!.outputs.loginServer : ''
var effectiveRunnerImage = empty(runnerImage) && deployContainerRegistry ? '${registryServer}/loadops-runner:latest' : runnerImage
var serviceBusNamespace = deployServiceBus ? serviceBus!.outputs.name : ''

module app 'modules/functionApp.bicep' = {
  name: 'loadops-functions'
  params: {
    name: functionAppName
    location: location
    tags: tags
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    keyVaultName: vault.outputs.name
    githubAppId: githubAppId
    githubWebhookSecretName: githubWebhookSecretName
    githubAppPrivateKeySecretName: githubAppPrivateKeySecretName
    runnerResourceGroupName: runnerResourceGroupName
    runnerIdentityId: runnerIdentityId
    runnerImage: effectiveRunnerImage
    serviceBusNamespace: serviceBusNamespace
  }
}

@description('Payload URL to enter in the GitHub App settings.')
output webhookUrl string = 'https://${app.outputs.hostName}/api/github/webhook'
output functionAppName string = app.outputs.name
output storageAccountName string = storage.outputs.name
output keyVaultName string = vault.outputs.name
output identityClientId string = identity.properties.clientId
output runnerIdentityId string = runnerIdentityId
output registryLoginServer string = registryServer
output serviceBusNamespace string = serviceBusNamespace
