export type { ApiDependencies } from './api-dependencies';
export { createHttpApp } from './create-http-app';
