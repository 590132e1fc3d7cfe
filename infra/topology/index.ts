export { environment, queueUrlVariable } from './environment';
export { channelQueues } from './queues';
export { service } from './service';
export type * from './specs';
export { findQueue, type Topology, topology } from './topology';
