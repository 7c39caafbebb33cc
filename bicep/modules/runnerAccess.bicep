// Deployed at the scope of the dedicated runner resource group. Grants the Function App identity a custom role that
// can only manage container groups in this resource group (and hand the runner identity to them), nothing else:
// no subscription-wide role, no Contributor.

targetScope = 'resourceGroup'

@description('Azure region of the runner identity.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Principal id of the Function App identity.')
param appPrincipalId string

@description('Resource id of the Function App identity (a deterministic seed for the role assignment name).')
param appIdentityId string

@description('Name of the identity runner containers use to pull their image from ACR.')
param runnerIdentityName string

resource runnerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: runnerIdentityName
  location: location
  tags: tags
}

resource launcherRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'loadops-runner-launcher')
  properties: {
    roleName: 'LoadOps runner launcher (${resourceGroup().name})'
    description: 'Create, read, stop and delete Azure Container Instances for LoadOps shards in one resource group.'
    type: 'CustomRole'
    assignableScopes: [resourceGroup().id]
    permissions: [
      {
        actions: [
          'Microsoft.ContainerInstance/containerGroups/*'
          'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action'
          'Microsoft.Resources/subscriptions/resourceGroups/read'
        ]
        notActions: []
      }
    ]
  }
}

resource launcher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, appIdentityId, launcherRole.id)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: launcherRole.id
  }
}

output runnerIdentityId string = runnerIdentity.id
output runnerIdentityPrincipalId string = runnerIdentity.properties.principalId
