import { describe, expect, it } from 'vitest';
import { groupsInClaims, rolesOfGroups, sameNameRoles } from '../../../functions/core/console-roles';

/** The ID tokens of the issuers a province may use, each carrying the same person's groups. */
const cognitoToken = { sub: 'a1', 'cognito:groups': ['operator', 'ke-toan'] };
const keycloakToken = {
  sub: 'b2',
  realm_access: { roles: ['lt-van-hanh', 'offline_access'] },
  resource_access: { console: { roles: ['lt-an-ninh'] } },
};

describe('the groups an ID token carries', () => {
  it('reads a top-level claim by its exact name, colon included', () => {
    expect(groupsInClaims(cognitoToken, 'cognito:groups')).toEqual(['operator', 'ke-toan']);
  });

  it('follows a dotted path into nested claims, as Keycloak sends realm and client roles', () => {
    expect(groupsInClaims(keycloakToken, 'realm_access.roles')).toEqual(['lt-van-hanh', 'offline_access']);
    expect(groupsInClaims(keycloakToken, 'resource_access.console.roles')).toEqual(['lt-an-ninh']);
  });

  it('prefers a claim whose own name has dots (a namespaced claim) to a path', () => {
    const claims = {
      'https://tinh.gov.vn/roles': ['security'],
      'https://tinh': { gov: { 'vn/roles': ['viewer'] } },
    };
    expect(groupsInClaims(claims, 'https://tinh.gov.vn/roles')).toEqual(['security']);
  });

  it('finds no groups where the claim is missing, not a list, or a path runs through a non-object', () => {
    expect(groupsInClaims(cognitoToken, 'groups')).toEqual([]);
    expect(groupsInClaims({ groups: 'operator' }, 'groups')).toEqual([]);
    expect(groupsInClaims({ realm_access: 'x' }, 'realm_access.roles')).toEqual([]);
    expect(groupsInClaims({ realm_access: null }, 'realm_access.roles')).toEqual([]);
    expect(groupsInClaims({ groups: ['viewer', 7, null] }, 'groups')).toEqual(['viewer']);
  });

  it('never walks into inherited properties', () => {
    expect(groupsInClaims({ realm_access: {} }, 'realm_access.constructor')).toEqual([]);
    expect(groupsInClaims({}, '__proto__')).toEqual([]);
  });
});

describe('roles from groups, through the configured mapping', () => {
  const keycloakMapping = {
    'lt-xem': 'viewer',
    'lt-van-hanh': 'operator',
    'lt-an-ninh': 'security',
  } as const;

  it('grants the roles the mapping names for the groups held, and ignores other groups', () => {
    expect(rolesOfGroups(groupsInClaims(keycloakToken, 'realm_access.roles'), keycloakMapping)).toEqual([
      'operator',
    ]);
    expect(rolesOfGroups(groupsInClaims(cognitoToken, 'cognito:groups'), sameNameRoles)).toEqual([
      'operator',
    ]);
  });

  it('grants nothing for a group named like a role that the mapping does not list', () => {
    expect(rolesOfGroups(['operator', 'security'], keycloakMapping)).toEqual([]);
    expect(rolesOfGroups(['toString', 'constructor'], sameNameRoles)).toEqual([]);
  });
});
