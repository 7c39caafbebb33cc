// Optional Service Bus namespace with one queue per BYO runner pool (loadops-pool-<name>). The app sends with its
// identity (Azure Service Bus Data Sender). Agents on BYO VMs are outside Azure: each pool queue has a Listen-only
// SAS rule whose connection string is handed to that pool's agents (docs/byo-vm.md); it can only receive from that queue.

@description('Service Bus namespace name.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Principal id of the Function App identity.')
param principalId string

@description('Resource id of that identity (a deterministic seed for role assignment names).')
param identityId string

@description('Runner pool names ([a-z0-9-]); each gets the queue loadops-pool-<name>.')
param pools string[]

var dataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    minimumTlsVersion: '1.2'
    // Local auth stays on only for the per-queue Listen rules the BYO agents use; the namespace has no Send/Manage rule
    // besides the built-in RootManageSharedAccessKey, which nothing in LoadOps reads.
    disableLocalAuth: false
    publicNetworkAccess: 'Enabled'
  }
}

resource poolQueues 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = [
  for pool in pools: {
    parent: namespace
    name: 'loadops-pool-${pool}'
    properties: {
      lockDuration: 'PT5M'
      maxDeliveryCount: 5
      defaultMessageTimeToLive: 'P1D'
      deadLetteringOnMessageExpiration: true
    }
  }
]

resource agentListenRules 'Microsoft.ServiceBus/namespaces/queues/authorizationRules@2022-10-01-preview' = [
  for (pool, i) in pools: {
    parent: poolQueues[i]
    name: 'agent-listen'
    properties: { rights: ['Listen'] }
  }
]

resource sender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(namespace.id, identityId, dataSender)
  scope: namespace
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataSender)
  }
}

output name string = namespace.name
