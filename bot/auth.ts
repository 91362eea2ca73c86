/**
 * Bot Framework authentication from configuration, with one correction: a token whose signature or
 * claims do not verify is a 401, not a 500. botbuilder passes jsonwebtoken's own errors through for a
 * forged signature, which the adapter answers with 500 and the error's text.
 */
import { ConfigurationBotFrameworkAuthentication, StatusCodes, type Activity } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError } from 'botframework-connector';
import type { Config } from './config';

const JWT_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

class StrictAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      if (err instanceof Error && JWT_ERRORS.has(err.name)) throw new AuthenticationError(`Unauthorized. ${err.message}`, StatusCodes.UNAUTHORIZED);
      throw err;
    }
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
