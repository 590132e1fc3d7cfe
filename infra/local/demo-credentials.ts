import type { SystemKind } from '../../contracts/connected-systems';
import type { Scope } from '../../contracts/oauth';

/**
 * Demo credentials of the local runtime only (DESIGN.md, public contract). They are printed
 * at start and never used by the AWS wiring, which reads its secrets from Secrets Manager.
 * The local runtime registers each as a connected system (infra/local/seed-demo-systems.ts).
 */
export const demoClients: readonly {
  clientId: string;
  name: string;
  kind: SystemKind;
  secret: string;
  scopes: Scope[];
  agencies: string[];
}[] = [
  {
    clientId: 'demo-province',
    name: 'Một cửa điện tử tỉnh H12 (mô phỏng)',
    kind: 'province',
    secret: 'demo-secret',
    scopes: ['dossiers:write', 'payments:write', 'feedback:write'],
    agencies: ['*.H12'],
  },
  {
    clientId: 'demo-admin',
    name: 'Công cụ quản trị (demo)',
    kind: 'admin',
    secret: 'demo-admin-secret',
    scopes: ['admin'],
    agencies: [],
  },
  // The national portal's own account for pushing to the gateway.
  {
    clientId: 'demo-national',
    name: 'Cổng DVCQG (mô phỏng)',
    kind: 'national',
    secret: 'demo-national-password',
    scopes: ['national:push'],
    agencies: [],
  },
];

/**
 * The people of the embedded identity provider (DESIGN.md "Operators are people"), one per
 * role, all with the password below; each is in the groups the role mapping grants the role
 * (CONSOLE_ROLE_OF_GROUP; by default the group of the role's name).
 */
export const demoPeople = [
  { subject: 'viewer@demo', name: 'Nguyễn Thị Xem', role: 'viewer' },
  { subject: 'operator@demo', name: 'Trần Văn Vận Hành', role: 'operator' },
  { subject: 'security@demo', name: 'Lê Thị An Ninh', role: 'security' },
] as const;
export const demoPersonPassword = 'demo';

/** The console as the embedded identity provider's client. */
export const demoConsoleClient = { clientId: 'lien-thong-console', clientSecret: 'demo-console-secret' };

/** The gateway's account on the national portal (simulator). */
export const demoNationalPortalAccount = { username: 'demo-national', password: 'demo-national-password' };

/**
 * The constants of that account on the session transport [OCPS ServerConfig]: madonvi (the
 * province's unit code at the portal) and the `dstcode` header. The simulator refuses others.
 */
export const demoNationalSessionAccount = { madonvi: '000.00.00.H12', dstcode: 'DVCQG-H12' } as const;

/** Standard Webhooks secret shared with the demo provincial system. */
export const demoWebhookSecret = 'whsec_ZGVtby13ZWJob29rLXNlY3JldC1rZXktMzJieXRlcyE=';

/**
 * Standard Webhooks secret the national portal (here: tests and curl) signs its pushes with;
 * the local runtime requires signed pushes, as a production deployment with a secret does.
 */
export const demoNationalPushSecret = 'whsec_ZGVtby1uYXRpb25hbC1wdXNoLXNlY3JldC0zMmIhISE=';

/** The LGSP REST client (OAuth2 client credentials) that the simulator's token endpoint accepts. */
export const demoLgspClient = { clientId: 'demo-lgsp', clientSecret: 'demo-lgsp-secret' };

/** The payment platform partner (DESIGN.md): MaDoiTac DEMO, its MaXacThuc secret and its API token. */
export const demoPaymentPartner = {
  partnerCode: 'DEMO',
  secret: 'demo-paygov-secret',
  apiToken: 'demo-paygov-token',
} as const;
