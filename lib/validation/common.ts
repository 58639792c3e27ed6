// What every form shares: a record version (a whole number PostgreSQL can store), and the check
// that runs before any schema: no control characters (a NUL cannot reach PostgreSQL, and none
// belongs in what a person types), and no field larger than any form asks for.
import { z } from "zod";

/** PostgreSQL's integer. */
export const MAX_INT = 2_147_483_647;

/** The version a form was opened with; 0 for a record not yet saved where `min` is 0. */
export const versionField = (min = 1) =>
  z.coerce
    .number({ error: "Reload the page and try again" })
    .int()
    .min(min)
    .max(MAX_INT, "Reload the page and try again");

/** The largest value of any one field of any form (the longest, an annotation, takes 5,000). */
export const MAX_FIELD_CHARACTERS = 20_000;

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Problems of a form's raw fields before their schema reads them, by field; null when none. */
export function formInputProblems(raw: Record<string, unknown>): Record<string, string[]> | null {
  const problems: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== "string") continue;
    if (value.length > MAX_FIELD_CHARACTERS)
      problems[key] = [
        `This is ${value.length.toLocaleString("en")} characters; at most ${MAX_FIELD_CHARACTERS.toLocaleString("en")} fit here.`,
      ];
    else if (CONTROL.test(value))
      problems[key] = ["Remove the invisible control character (such as NUL) from this field."];
  }
  return Object.keys(problems).length ? problems : null;
}

/** A form's fields sent back to refill it after a refusal: only what a form could hold. */
export function echoFields(raw: Record<string, unknown>, secret: RegExp): Record<string, string> {
  const out: Record<string, string> = {};
  let total = 0;
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== "string" || secret.test(key) || value.length > MAX_FIELD_CHARACTERS) continue;
    total += value.length;
    if (total > 4 * MAX_FIELD_CHARACTERS) break;
    out[key] = value;
  }
  return out;
}
