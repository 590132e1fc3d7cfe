/**
 * The roles of the people who use the console (DESIGN.md "Operators are people"), each one
 * everything the role before it may do and more: viewer reads with personal data masked;
 * operator also replays, discards, re-syncs and runs schedules; security also manages systems,
 * secrets and mappings and sees personal data.
 */
export const consoleRoles = ['viewer', 'operator', 'security'] as const;
export type ConsoleRole = (typeof consoleRoles)[number];

/** The default mapping of an identity provider's group names to roles: the same names. */
export const sameNameRoles: Readonly<Record<string, ConsoleRole>> = {
  viewer: 'viewer',
  operator: 'operator',
  security: 'security',
};

/**
 * The group names an ID token carries in `claim`: a top-level claim by its exact name
 * (`groups`, Cognito's `cognito:groups`, a namespaced `https://…/roles`), otherwise a dotted
 * path into nested claims (Keycloak's `realm_access.roles`). Anything but a list means none.
 */
export function groupsInClaims(claims: Readonly<Record<string, unknown>>, claim: string): string[] {
  const found = Object.hasOwn(claims, claim)
    ? claims[claim]
    : claim
        .split('.')
        .reduce<unknown>(
          (node, key) =>
            node !== null && typeof node === 'object' && Object.hasOwn(node, key)
              ? (node as Record<string, unknown>)[key]
              : undefined,
          claims,
        );
  return Array.isArray(found) ? found.filter((group): group is string => typeof group === 'string') : [];
}

/** The roles a person holds, from the groups the identity provider names, through a configured mapping. */
export function rolesOfGroups(
  groups: readonly string[],
  roleOfGroup: Readonly<Record<string, ConsoleRole>>,
): ConsoleRole[] {
  const held = new Set(
    groups.flatMap((group) => (Object.hasOwn(roleOfGroup, group) ? [roleOfGroup[group] as ConsoleRole] : [])),
  );
  return consoleRoles.filter((role) => held.has(role));
}

/** A person holding `held` may do what `needed` may. */
export function holdsRole(held: readonly ConsoleRole[], needed: ConsoleRole): boolean {
  const rank = consoleRoles.indexOf(needed);
  return held.some((role) => consoleRoles.indexOf(role) >= rank);
}
