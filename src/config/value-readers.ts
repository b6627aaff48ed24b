/** Reads one trimmed environment variable; blank counts as unset. */
export type ReadVariable = (name: string) => string | undefined;

/** A whole number when the variable is set; unset, `undefined`, so another layer's default applies. */
export function readOptionalWholeNumber(
  name: string,
  value: string | undefined,
  { min, example }: { min: number; example: number },
  problems: string[],
): number | undefined {
  if (value === undefined) return undefined;
  return readWholeNumber(name, value, { fallback: example, min, example }, problems);
}

export function readWholeNumber(
  name: string,
  value: string | undefined,
  {
    fallback,
    min,
    max = Number.MAX_SAFE_INTEGER,
    example,
  }: { fallback: number; min: number; max?: number; example: number },
  problems: string[],
): number {
  if (value === undefined) return fallback;
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (number >= min && number <= max && Number.isSafeInteger(number)) return number;
  const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
  problems.push(
    `${name}: must be a whole number ${range}; got "${value}". Example: ${name}=${example}`,
  );
  return fallback;
}

export function readBoolean(
  name: string,
  value: string | undefined,
  problems: string[],
): boolean | undefined {
  if (value === undefined) return undefined;
  const flag = parseBoolean(value);
  if (flag === undefined) {
    problems.push(`${name}: must be true or false; got "${value}". Example: ${name}=true`);
  }
  return flag;
}

/** `true`, `1`, `yes` or `false`, `0`, `no` in any case; `undefined` for anything else. */
export function parseBoolean(value: string): boolean | undefined {
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  return undefined;
}
