// What the sign-in page may say about a failed attempt. next-auth sends the reason back in the
// URL (?error=…) when the form was posted without JavaScript; the page shows it only when it is
// one of the app's own messages, so that a link cannot put words of its own on the page.

const CODES: Record<string, string> = {
  SessionRequired: "Please sign in to continue.",
  CredentialsSignin: "That e-mail and password do not match an account.",
};

/** The app's own messages (their numbers vary). */
const OWN = [
  /^That e-mail and password do not match an account\.$/,
  /^This account has been disabled\. Ask an administrator\.$/,
  /^Too many failed sign-in attempts from here\. Try again in \d{1,3} minutes?\.$/,
  /^This account has had many failed sign-in attempts\. Wait \d{1,3} seconds? and try again\.$/,
  /^Enter your e-mail address and password\.$/,
  /^Signing in is not possible right now: the database cannot be reached\. Try again in a moment\.$/,
];

export const GENERIC_SIGN_IN_FAILURE = "Signing in did not work. Please try again.";

export function signInMessage(error: string): string {
  if (Object.hasOwn(CODES, error)) return CODES[error]!;
  return OWN.some((re) => re.test(error)) ? error : GENERIC_SIGN_IN_FAILURE;
}
