export type { ApiDependencies } from './api-dependencies';
export { createHttpApp, type HttpApp } from './create-http-app';
