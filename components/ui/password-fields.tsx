// A new password and its repetition, with the rule people need to know.
import type { ActionState } from "@/lib/contracts/action";
import { Field } from "./field";
import { fieldErrors } from "./form-status";

export function NewPasswordFields<T>({
  state,
  name = "password",
  label = "Password",
  hint = "At least 8 characters. A long phrase is easier to remember and harder to guess.",
}: {
  state: ActionState<T>;
  name?: string;
  label?: string;
  hint?: string;
}) {
  return (
    <>
      <Field
        name={name}
        label={label}
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint={hint}
        errors={fieldErrors(state, name)}
      />
      <Field
        name="confirmPassword"
        label={`Repeat the ${label.toLowerCase()}`}
        type="password"
        autoComplete="new-password"
        required
        errors={fieldErrors(state, "confirmPassword")}
      />
    </>
  );
}
