import { loadAwsConfig } from './aws-config';
import { buildApiDependencies } from './build-api-dependencies';

let dependencies: ReturnType<typeof buildApiDependencies> | undefined;

/**
 * Cold-start wiring of the API function: what systems call, and only that. A module apart from
 * aws.ts so that the API's bundle carries none of the adapters only the others build (issue 24).
 */
export function loadAwsApiDependencies(): ReturnType<typeof buildApiDependencies> {
  dependencies ??= loadAwsConfig().then((config) => buildApiDependencies(config));
  return dependencies;
}
