import { type FunctionSpec, type ScheduleFunctionSpec, topology } from '../../infra/topology';

type ScheduledFunction = Extract<(typeof topology.functions)[number], { trigger: { kind: 'schedule' } }>;

/** The name of a scheduled function of the topology. */
export type ScheduleName = ScheduledFunction['name'];

/** Every scheduled function of the topology, with how often its timer starts it. */
export const scheduleSpecs: readonly { readonly name: ScheduleName; readonly everySeconds: number }[] = (
  topology.functions as readonly FunctionSpec[]
)
  .filter((fn): fn is ScheduleFunctionSpec => fn.trigger.kind === 'schedule')
  .map((fn) => ({ name: fn.name as ScheduleName, everySeconds: fn.trigger.everySeconds }));

export function scheduleSpecNamed(name: ScheduleName) {
  const spec = scheduleSpecs.find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`the topology has no schedule named ${name}`);
  return spec;
}
