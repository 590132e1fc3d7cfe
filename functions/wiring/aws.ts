import { loadAwsConfig } from './aws-config';
import {
  buildDependencies,
  buildWorkerDependencies,
  type GatewayDependencies,
  type WorkerDependencies,
} from './build-dependencies';

// Built once per cold start. Two loaders, not one generic memo: a function declaration that
// nothing calls is left out of the bundle, so the workers' does not carry the callers' checks.
let everything: Promise<GatewayDependencies> | undefined;
let workers: Promise<WorkerDependencies> | undefined;

/** Cold-start wiring on AWS of the console function: every dependency (buildDependencies). */
export function loadAwsDependencies(): Promise<GatewayDependencies> {
  everything ??= loadAwsConfig().then((config) => buildDependencies(config));
  return everything;
}

/** Cold-start wiring on AWS of a worker (a queue's consumer or a schedule's job). */
export function loadAwsWorkerDependencies(): Promise<WorkerDependencies> {
  workers ??= loadAwsConfig().then((config) => buildWorkerDependencies(config));
  return workers;
}
