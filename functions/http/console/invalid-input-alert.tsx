import type { z } from 'zod';
import { fieldErrorsOf } from '../problem-response';

/** A filter the page could not use, said where the administrator looks: above the form. */
export function InvalidInputAlert(props: { readonly error: z.ZodError }) {
  return (
    <p class="error" role="alert">
      {fieldErrorsOf(props.error)
        .map((error) => `${error.path}: ${error.message}`)
        .join('; ')}
    </p>
  );
}
