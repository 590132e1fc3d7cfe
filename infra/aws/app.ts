import { createGatewayApp } from './gateway-app';

// Entry point for the CDK CLI (cdk.json): `npm run synth`, `npm run deploy -- -c stage=prod -c province=h12`.
createGatewayApp().app.synth();
