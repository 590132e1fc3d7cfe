import { environment } from '../../infra/topology';
import { type ConsoleRole, consoleRoles, sameNameRoles } from '../core/console-roles';

/** Where a person's groups travel in the ID token, and which role each group grants. */
export interface ConsoleRoleClaims {
  /** A claim name (`groups`, `cognito:groups`) or a dotted path (`realm_access.roles`). */
  readonly groupsClaim: string;
  readonly roleOfGroup: Readonly<Record<string, ConsoleRole>>;
}

/**
 * Reads a group-to-role mapping written as JSON, `{"<group>": "viewer" | "operator" | "security"}`.
 * A typo throws, naming `name` and the group: a group silently mapped to nothing would lock its
 * people out, and one mapped to the wrong role would let them do too much.
 */
export function parseRoleOfGroup(text: string, name: string): Record<string, ConsoleRole> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${name} must be JSON, e.g. {"lt-xem":"viewer"}; got ${text}`);
  }
  const expected = `${name} must map group names to ${consoleRoles.join(', ')}`;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${expected}; got ${text}`);
  }
  const entries = Object.entries(parsed);
  if (entries.length === 0) throw new Error(`${expected}: it names no group`);
  const wrong = entries.filter(
    ([group, role]) => group === '' || !consoleRoles.includes(role as ConsoleRole),
  );
  if (wrong.length > 0) {
    throw new Error(
      `${expected}: ${wrong.map(([group, role]) => `"${group}": ${JSON.stringify(role)}`).join(', ')}`,
    );
  }
  return Object.fromEntries(entries) as Record<string, ConsoleRole>;
}

/**
 * The console's role claims from the same two settings on AWS (the stack sets them from its
 * context) and locally (the embedded provider also puts its people's groups where they say):
 * CONSOLE_GROUPS_CLAIM names the claim, CONSOLE_ROLE_OF_GROUP holds the JSON mapping; unset,
 * the claim is `groups` and each role is the group of the same name.
 */
export function readConsoleRoleClaims(
  variables: Readonly<Record<string, string | undefined>>,
): ConsoleRoleClaims {
  const mapping = variables[environment.consoleRoleOfGroup];
  return {
    groupsClaim: variables[environment.consoleGroupsClaim] || 'groups',
    roleOfGroup: mapping ? parseRoleOfGroup(mapping, environment.consoleRoleOfGroup) : sameNameRoles,
  };
}
