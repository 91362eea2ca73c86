/**
 * Bot Framework authentication from configuration, with two changes:
 * - a token whose signature or claims do not verify is a 401, not a 500. botbuilder passes jsonwebtoken's
 *   own errors through for a forged signature, which the adapter answers with 500 and the error's text;
 * - connector and user-token clients are made once per bot identity, service URL and audience, not once
 *   per turn. botbuilder builds both anew for every activity, each with its own HTTP policy pipeline: about
 *   a tenth of a turn's CPU (BENCHMARKS.md). A client holds no per-turn state: its credentials fetch
 *   tokens through botbuilder's process-wide token cache, and its HTTP client is shared anyway.
 */
import { ConfigurationBotFrameworkAuthentication, StatusCodes, type Activity } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, ConnectorFactory, type ClaimsIdentity, type ConnectorClient, type UserTokenClient } from 'botframework-connector';
import type { Config } from './config';

const JWT_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);
/** Clients kept: a bot talks to a few service URLs (one per Teams region); unauthenticated local mode takes any. */
const MAX_CLIENTS = 32;

/** The most recently used promises by key; one that fails is dropped, so the next turn makes it again. */
class RecentClients<T> {
  private readonly clients = new Map<string, Promise<T>>();

  get(key: string, make: () => Promise<T>): Promise<T> {
    const kept = this.clients.get(key);
    this.clients.delete(key);
    const client = kept ?? make();
    this.clients.set(key, client);
    if (!kept) {
      client.catch(() => this.clients.get(key) === client && this.clients.delete(key));
      if (this.clients.size > MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value as string);
    }
    return client;
  }
}

/** The bot identity botbuilder makes clients for: the audience of a channel's token, the appid of the Emulator's. */
function identityOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claims.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

class ReusedConnectors extends ConnectorFactory {
  constructor(
    private readonly made: ConnectorFactory,
    private readonly identity: string,
    private readonly clients: RecentClients<ConnectorClient>,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.clients.get(JSON.stringify([this.identity, serviceUrl, audience ?? null]), () => this.made.create(serviceUrl, audience));
  }
}

class StrictAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new RecentClients<ConnectorClient>();
  private readonly userTokens = new RecentClients<UserTokenClient>();

  override async authenticateRequest(activity: Activity, authHeader: string): ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']> {
    let result: Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      if (err instanceof Error && JWT_ERRORS.has(err.name)) throw new AuthenticationError(`Unauthorized. ${err.message}`, StatusCodes.UNAUTHORIZED);
      throw err;
    }
    const made = result.connectorFactory;
    return made ? { ...result, connectorFactory: new ReusedConnectors(made, identityOf(result.claimsIdentity), this.connectors) } : result;
  }

  override createConnectorFactory(claims: ClaimsIdentity): ConnectorFactory {
    return new ReusedConnectors(super.createConnectorFactory(claims), identityOf(claims), this.connectors);
  }

  override createUserTokenClient(claims: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokens.get(identityOf(claims), () => super.createUserTokenClient(claims));
  }
}

export function botAuthentication(auth: Config['auth']): ConfigurationBotFrameworkAuthentication {
  return new StrictAuthentication({
    MicrosoftAppId: auth.appId,
    MicrosoftAppPassword: auth.appPassword,
    MicrosoftAppType: auth.appType,
    MicrosoftAppTenantId: auth.tenantId,
    // A custom metadata URL switches botbuilder to fully custom settings: give it the public cloud's others.
    ...(auth.openIdMetadataUrl
      ? {
          ToBotFromChannelOpenIdMetadataUrl: auth.openIdMetadataUrl,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          ValidateAuthority: true,
        }
      : {}),
  });
}
