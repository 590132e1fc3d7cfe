import { loadAwsConfig } from './aws-config';
import { buildDependencies, type GatewayDependencies } from './build-dependencies';

let dependencies: Promise<GatewayDependencies> | undefined;

/** Cold-start wiring on AWS of the workers and the console: every dependency (buildDependencies). */
export function loadAwsDependencies(): Promise<GatewayDependencies> {
  dependencies ??= loadAwsConfig().then((config) => buildDependencies(config));
  return dependencies;
}
