// LoadOps state: Tables (runs, shards, baselines, schedules, deliveries, approvals, activeruns, spend), Blobs (results, reports, the app package)
// and Queues (stage hand-offs and shard work). Shared keys are disabled: everything uses Entra identities,
// and runners outside Azure get user-delegation SAS URLs (blobs only) minted by the app.

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Principal id of the Function App identity.')
param principalId string

@description('Resource id of that identity (a deterministic seed for role assignment names).')
param identityId string

@description('Runner locations that get a shard queue, as queue-name suffixes, e.g. azure-westeurope, aws-us-east-1.')
param shardQueueSuffixes string[]

@description('Blob container holding the Function App package (Flex Consumption deployment storage).')
param deploymentContainerName string

var tables = ['runs', 'shards', 'baselines', 'schedules', 'deliveries', 'approvals', 'activeruns', 'spend']
var containers = ['results', 'reports', deploymentContainerName]
var stageQueues = [
  'loadops-validate'
  'loadops-plan'
  'loadops-dispatch'
  'loadops-collect'
  'loadops-evaluate'
  'loadops-report'
]
var shardQueues = map(shardQueueSuffixes, suffix => 'loadops-shards-${suffix}')

// Blob Data Owner (not Contributor): the Functions host manages its own leases and the Flex deployment container.
var roles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    encryption: {
      keySource: 'Microsoft.Storage'
      services: {
        blob: { enabled: true }
        queue: { enabled: true, keyType: 'Account' }
        table: { enabled: true, keyType: 'Account' }
      }
    }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: 7 }
    containerDeleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in containers: {
    parent: blobs
    name: container
    properties: { publicAccess: 'None' }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queue in concat(stageQueues, shardQueues): {
    parent: queueService
    name: queue
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource stateTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for table in tables: {
    parent: tableService
    name: table
  }
]

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): {
    name: guid(account.id, identityId, role.value)
    scope: account
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    }
  }
]

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
