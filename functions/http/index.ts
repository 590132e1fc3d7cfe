export type { ApiDependencies } from './api-dependencies';
export { createApp, type GatewayApp } from './create-app';
