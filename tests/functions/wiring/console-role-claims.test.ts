import { describe, expect, it } from 'vitest';
import { parseRoleOfGroup, readConsoleRoleClaims } from '../../../functions/wiring/console-role-claims';
import { environment } from '../../../infra/topology';

describe('the console role settings', () => {
  it('default to the groups claim with groups named as the roles', () => {
    expect(readConsoleRoleClaims({})).toEqual({
      groupsClaim: 'groups',
      roleOfGroup: { viewer: 'viewer', operator: 'operator', security: 'security' },
    });
  });

  it('read the claim and the mapping from CONSOLE_GROUPS_CLAIM and CONSOLE_ROLE_OF_GROUP', () => {
    expect(
      readConsoleRoleClaims({
        [environment.consoleGroupsClaim]: 'realm_access.roles',
        [environment.consoleRoleOfGroup]: '{"lt-xem":"viewer","lt-an-ninh":"security"}',
      }),
    ).toEqual({
      groupsClaim: 'realm_access.roles',
      roleOfGroup: { 'lt-xem': 'viewer', 'lt-an-ninh': 'security' },
    });
  });

  it.each([
    ['not JSON', '{lt-xem: viewer}', 'must be JSON'],
    ['an unknown role', '{"lt-xem":"admin","lt-an-ninh":"security"}', '"lt-xem": "admin"'],
    ['a role that is not text', '{"lt-xem":["viewer"]}', '"lt-xem": ["viewer"]'],
    ['a list', '["viewer"]', 'must map group names'],
    ['no group at all', '{}', 'names no group'],
    ['a nameless group', '{"":"viewer"}', '"": "viewer"'],
  ])('refuse a mapping that is %s, naming the setting', (_case, text, detail) => {
    expect(() => parseRoleOfGroup(text, environment.consoleRoleOfGroup)).toThrow(
      environment.consoleRoleOfGroup,
    );
    expect(() => parseRoleOfGroup(text, environment.consoleRoleOfGroup)).toThrow(detail);
  });
});
