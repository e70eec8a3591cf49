// A form kept as one object in `useState`, its inputs bound by field name: the value, the change that
// writes a new object (never mutates the old one), and the server's error for that field. The pages of
// mentoring, volunteers and trainings wrote these three props out by hand for every input.
// Pure, so that what an input shows and writes is tested without a browser.

type Errors = Record<string, string>;

/** The names of the fields of V whose values are T. */
type FieldsOf<V, T> = { [K in keyof V]-?: V[K] extends T ? K : never }[keyof V] & string;

/** Today as YYYY-MM-DD (UTC), the default of a date field. */
export const isoToday = () => new Date().toISOString().slice(0, 10);

/** Field errors of a failed request by path, for the inputs to show. */
export function errorsByPath(error: unknown): Errors {
  const fields = (error as { fields?: { path: string; message: string }[] } | null)?.fields ?? [];
  return Object.fromEntries(fields.map((f) => [f.path, f.message]));
}

/**
 * Props of the inputs of a form held as one object: spread them on a Mantine input
 * (`<TextInput label={…} {...field.text('title')} />`). `errors` are the server's, by field path.
 */
export function bindFields<V extends object>(values: V, setValues: (next: V) => void, errors: Errors = {}) {
  const write = (name: keyof V, value: unknown) => setValues({ ...values, [name]: value });
  return {
    /** A text, date, date-time or multi-line input: the typed text as it is. */
    text: (name: FieldsOf<V, string>) => ({
      value: values[name] as string,
      onChange: (event: { currentTarget: { value: string } }) => write(name, event.currentTarget.value),
      error: errors[name],
    }),
    /** A Select over a field that holds '' while nothing is chosen (so a cleared choice is '' again). */
    choice: (name: FieldsOf<V, string>) => ({
      value: (values[name] as string) || null,
      onChange: (value: string | null) => write(name, value ?? ''),
      error: errors[name],
    }),
    /** A NumberInput; an emptied or zero input holds `fallback` (the smallest value the field takes). */
    number: (name: FieldsOf<V, number>, fallback: number) => ({
      value: values[name] as number,
      onChange: (value: string | number) => write(name, Number(value) || fallback),
      error: errors[name],
    }),
    /** A MultiSelect: the chosen values. */
    list: (name: FieldsOf<V, string[]>) => ({
      value: values[name] as string[],
      onChange: (value: string[]) => write(name, value),
      error: errors[name],
    }),
  };
}
