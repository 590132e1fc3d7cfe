/**
 * Builds a Lambda handler on its first invocation and reuses it after: the module can be
 * imported (by the local runtime, by tests) without reaching for AWS configuration.
 */
export function lazyHandler<Event, Result, Context = unknown>(
  build: () => Promise<(event: Event, context: Context) => Promise<Result>>,
): (event: Event, context: Context) => Promise<Result> {
  let built: ReturnType<typeof build> | undefined;
  return async (event, context) => {
    built ??= build();
    return (await built)(event, context);
  };
}
