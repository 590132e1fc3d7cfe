import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { environment } from '../../infra/topology';
import { createOpenIdPersonSignIn, type OpenIdSignInOptions } from '../adapters/openid-person-sign-in';
import { loadAwsDependencies } from './aws';
import type { GatewayDependencies } from './build-dependencies';
import { readConsoleRoleClaims } from './console-role-claims';
import { requiredVariable } from './required-variable';

/**
 * People's sign-in when the stack configured an issuer (its Cognito user pool or the province's
 * own): the issuer, client and role claims from the environment, the client secret from the
 * one secret the stack lets this function read.
 */
async function consoleSignInOptions(): Promise<OpenIdSignInOptions | undefined> {
  const issuer = process.env[environment.consoleIssuerUrl];
  if (!issuer) return undefined;
  const secretsManager = new SecretsManagerClient({ region: requiredVariable('AWS_REGION') });
  const consoleUrl = requiredVariable(environment.consoleUrl).replace(/\/$/, '');
  const { SecretString: clientSecret } = await secretsManager.send(
    new GetSecretValueCommand({ SecretId: requiredVariable(environment.consoleClientSecretArn) }),
  );
  if (!clientSecret) {
    throw new Error(`the secret ${environment.consoleClientSecretArn} names has no text value`);
  }
  return {
    issuer,
    clientId: requiredVariable(environment.consoleClientId),
    clientSecret,
    redirectUri: `${consoleUrl}/callback`,
    postLogoutRedirectUri: `${consoleUrl}/login?notice=signed-out`,
    ...(process.env[environment.consoleSignOutRedirectParameter]
      ? { postLogoutRedirectParameter: process.env[environment.consoleSignOutRedirectParameter] }
      : {}),
    ...readConsoleRoleClaims(process.env),
  };
}

let dependencies: Promise<GatewayDependencies> | undefined;

/**
 * Cold-start wiring of the function serving the console (topology `servesConsole`): what every
 * function gets, plus people's sign-in. Apart from loadAwsDependencies so that no other
 * function bundles the OpenID Connect client.
 */
export function loadAwsConsoleDependencies(): Promise<GatewayDependencies> {
  dependencies ??= (async () => {
    const [deps, signIn] = await Promise.all([loadAwsDependencies(), consoleSignInOptions()]);
    return signIn ? { ...deps, personSignIn: createOpenIdPersonSignIn(signIn) } : deps;
  })();
  return dependencies;
}
