// Bounce Doctor on Azure, in one resource group:
//   a user-assigned managed identity (the bot's identity: no secret to rotate),
//   a Linux App Service plan and Web App running Node 20 (HTTPS only, health check on /readyz),
//   an Azure Bot registered with that identity (UserAssignedMSI), with the Teams and Email channels,
//   a Storage account and blob container for conversation state, reachable by the identity only,
//   Application Insights backed by a Log Analytics workspace.
//
// Deploy with deploy/README.md. This file was written against the API versions below but cannot be
// compiled in the project's offline CI; run `az bicep build --file deploy/azure/main.bicep` before use.

targetScope = 'resourceGroup'

// --- parameters -----------------------------------------------------------------------------------

@description('Start of every resource name: 3 to 20 lowercase letters, digits and hyphens, starting with a letter.')
@minLength(3)
@maxLength(20)
param namePrefix string = 'bounce-doctor'

@description('Azure region for every resource except the bot registration, which is global.')
param location string = resourceGroup().location

@description('App Service plan size. B1 suits one support team; use P0v3 or larger for more traffic.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServicePlanSku string = 'B1'

@description('Number of Web App instances. More than one is safe: conversation state is in Blob storage.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Azure Bot pricing tier. F0 is free; Teams and Email are standard channels with no message limit.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Name of the bot in the Azure portal.')
param botDisplayName string = 'Bounce Doctor'

@description('Comma-separated Microsoft Entra tenant ids whose users may talk to the bot; empty lets every tenant in. Defaults to the tenant you deploy into.')
param allowedTenants string = subscription().tenantId

@description('Comma-separated DNS servers (host or host:port) for the SPF checks; empty uses Azure\'s resolver.')
param dnsServers string = ''

@description('Support channel for escalations: id of the team that holds it, as in its "Get link to team" link (19:...@thread.tacv2). Empty: escalations are saved but not posted.')
param escalationTeamId string = ''

@description('Support channel for escalations: the channel id, as in its "Get link to channel" link (19:...@thread.tacv2).')
param escalationChannelId string = ''

@description('Comma-separated Entra object ids of support agents who may handle escalations without being in the support team.')
param supportAgentObjectIds string = ''

@description('Language of escalation posts in the support channel.')
@allowed([
  'en'
  'ja'
  'zh-CN'
  'zh-TW'
  'sv'
  'fr'
  'ko'
])
param escalationLocale string = 'en'

@description('Log level of the JSON logs.')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('Blob container that holds conversation and user state.')
@minLength(3)
@maxLength(63)
param stateContainerName string = 'bot-state'

@description('Mailbox for the Email channel (people forward bounces to it). Empty: no Email channel is created here; see deploy/README.md to connect one in the portal.')
param emailChannelAddress string = ''

@description('Password of that mailbox, for mailboxes that still allow password sign-in. Empty: connect the mailbox in the portal with modern authentication instead.')
@secure()
param emailChannelPassword string = ''

@description('Tags for every resource.')
param tags object = {}

// --- names ----------------------------------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id, namePrefix)
var identityName = '${namePrefix}-identity'
var planName = '${namePrefix}-plan'
var webAppName = '${namePrefix}-${suffix}'
var botName = '${namePrefix}-bot-${suffix}'
var workspaceName = '${namePrefix}-logs'
var insightsName = '${namePrefix}-insights'
// Storage account names: 3-24 lowercase letters and digits, unique in Azure.
var storageAccountName = 'st${take(toLower(replace(namePrefix, '-', '')), 9)}${suffix}'
var createEmailChannel = !empty(emailChannelAddress) && !empty(emailChannelPassword)

// Built-in role "Storage Blob Data Contributor".
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

// --- identity -------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

// --- monitoring -----------------------------------------------------------------------------------

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: insightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

// --- state storage --------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Only Entra ID (the managed identity) can read or write: there is no account key to leak.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: stateContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource stateAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageBlobDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// --- web app --------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Any instance can serve any turn: state is in Blob storage, so no sticky sessions.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // The zip holds the built bundle: start it directly (npm start would try to build again).
      appCommandLine: 'node dist/bot/index.js'
      alwaysOn: true
      // Readiness, not mere liveness: an instance whose storage does not answer (e.g. its role assignment has
      // not reached Storage yet) gets no traffic while others do, and is replaced if it stays so for an hour.
      healthCheckPath: '/readyz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppTenantId'
          value: identity.properties.tenantId
        }
        {
          // Which identity the Azure SDK (Blob storage) signs in with.
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'AZURE_STORAGE_ACCOUNT_URL'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'AZURE_STORAGE_CONTAINER'
          value: stateContainerName
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: insights.properties.ConnectionString
        }
        {
          name: 'ALLOWED_TENANTS'
          value: allowedTenants
        }
        {
          name: 'DNS_SERVERS'
          value: dnsServers
        }
        {
          name: 'ESCALATION_TEAM_ID'
          value: escalationTeamId
        }
        {
          name: 'ESCALATION_CHANNEL_ID'
          value: escalationChannelId
        }
        {
          name: 'ESCALATION_LOCALE'
          value: escalationLocale
        }
        {
          name: 'SUPPORT_AAD_OBJECT_IDS'
          value: supportAgentObjectIds
        }
        {
          name: 'LOG_LEVEL'
          value: logLevel
        }
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'WEBSITE_NODE_DEFAULT_VERSION'
          value: '~20'
        }
        {
          // The zip is already built (npm ci, npm run build, npm prune): no build on the server.
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
      ]
    }
  }
  dependsOn: [
    // Start the bot only once it may use its state container.
    stateAccess
    stateContainer
  ]
}

// --- bot registration -----------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    // Multi-tenant registrations can no longer be created: the bot is the managed identity.
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: identity.properties.tenantId
    msaAppMSIResourceId: identity.id
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
      acceptedTerms: true
    }
  }
}

resource emailChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = if (createEmailChannel) {
  parent: bot
  name: 'EmailChannel'
  location: 'global'
  properties: {
    channelName: 'EmailChannel'
    properties: {
      emailAddress: emailChannelAddress
      authMethod: 0 // password
      password: emailChannelPassword
      isEnabled: true
    }
  }
}

// --- outputs --------------------------------------------------------------------------------------

@description('Web App to zip-deploy the bundle to (az webapp deploy --name).')
output webAppName string = webApp.name

@description('Host name of the bot: BOT_DOMAIN for npm run package.')
output webAppHostName string = webApp.properties.defaultHostName

@description('Messaging endpoint registered with the Azure Bot.')
output messagingEndpoint string = bot.properties.endpoint

@description('Name of the Azure Bot resource (Channels, Test in Web Chat).')
output botName string = bot.name

@description('The bot\'s Microsoft App ID, the managed identity\'s client id: BOT_ID for npm run package.')
output botAppId string = identity.properties.clientId

@description('Tenant of the bot\'s identity (MicrosoftAppTenantId).')
output botTenantId string = identity.properties.tenantId

@description('Resource id of the managed identity.')
output identityResourceId string = identity.id

@description('Storage account that holds conversation state.')
output storageAccountName string = storage.name

@description('Blob endpoint of that account (AZURE_STORAGE_ACCOUNT_URL).')
output storageAccountUrl string = storage.properties.primaryEndpoints.blob

@description('Container that holds conversation state (AZURE_STORAGE_CONTAINER).')
output stateContainerName string = stateContainer.name

@description('Application Insights resource that receives the bot\'s telemetry.')
output applicationInsightsName string = insights.name

@description('Whether this deployment created the Email channel (false: connect it in the portal).')
output emailChannelCreated bool = createEmailChannel

// --- for the Microsoft 365 Agents Toolkit (m365agents.yml) ------------------------------------------
// Its arm/deploy action writes every output to env/.env.<environment> under the output's name in capitals:
// these three land as the variables the Teams app package and the zip deploy read.

@description('BOT_ID for the Teams app package: the same value as botAppId.')
output BOT_ID string = identity.properties.clientId

@description('BOT_DOMAIN for the Teams app package: the same value as webAppHostName.')
output BOT_DOMAIN string = webApp.properties.defaultHostName

@description('Resource id of the Web App, for the toolkit\'s azureAppService/zipDeploy.')
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
