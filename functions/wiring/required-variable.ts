/** A variable the stack sets for this function (infra/aws/gateway-functions.ts); missing is a deployment bug. */
export function requiredVariable(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}
