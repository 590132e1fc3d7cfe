/** A JSONPath a caller can find in its own request: $.documents[0].url */
export function toJsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (jsonPath, segment) =>
      typeof segment === 'number'
        ? `${jsonPath}[${segment}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(segment))
          ? `${jsonPath}.${String(segment)}`
          : `${jsonPath}[${JSON.stringify(String(segment))}]`,
    '$',
  );
}
