import { readFileSync } from 'node:fs';

/**
 * Where a V8 CPU profile's samples went. Node's own frames (HTTP, streams, crypto) are charged
 * to the nearest caller that is a package or a file of ours, so "dynalite" includes the HTTP
 * server work of answering the gateway. Prints self time per owner and the inclusive time of
 * our own functions. Usage: see bench/profile.ts.
 */
interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const profile = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

const ownerOf = (url: string): string | undefined => {
  if (url.includes('node_modules/'))
    return (
      url
        .split('node_modules/')
        .at(-1)
        ?.match(/^(@[^/]+\/[^/]+|[^/]+)/)?.[0] ?? url
    );
  const ours = url.match(/\/(functions|infra|contracts|bench|tests)\/(.*)$/);
  return ours ? `${ours[1]}/${ours[2]}` : undefined;
};

const selfByOwner = new Map<string, number>();
const inclusiveOurs = new Map<string, number>();
let total = 0;
const add = (map: Map<string, number>, key: string, value: number): void => {
  map.set(key, (map.get(key) ?? 0) + value);
};
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  total += delta;
  const frame = nodes.get(id)?.callFrame;
  if (frame?.functionName === '(idle)' || frame?.functionName === '(garbage collector)') {
    add(
      selfByOwner,
      frame.functionName === '(idle)' ? '(idle: waiting on I/O)' : '(garbage collector)',
      delta,
    );
    return;
  }
  let owner: string | undefined;
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const callFrame = nodes.get(at)?.callFrame;
    const found = ownerOf(callFrame?.url ?? '');
    owner ??= found;
    if (found?.startsWith('functions/') && callFrame?.functionName) {
      const name = `${callFrame.functionName} (${found})`;
      if (!seen.has(name)) add(inclusiveOurs, name, delta);
      seen.add(name);
    }
  }
  add(selfByOwner, owner ?? '(node, no caller of ours or a package)', delta);
});
const top = (map: Map<string, number>, count: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({
      name,
      ms: Math.round(micros / 1000),
      share: `${((micros / total) * 100).toFixed(1)} %`,
    }));
console.log(`profile: ${Math.round(total / 1000)} ms sampled`);
console.table(top(selfByOwner, 22));
console.log('inclusive time of our functions:');
console.table(top(inclusiveOurs, 25));
