"use client";
// Signs out through the auth endpoint (which ends the session on the server), then goes to the
// sign-in page. The same two requests next-auth's client makes, without loading its client (about
// 12 kB of JavaScript on every signed-in page).
import { useState } from "react";

async function signOut() {
  const csrf = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as { csrfToken: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: "/sign-in", json: "true" }),
  });
}

export function SignOutButton() {
  const [failed, setFailed] = useState(false);
  return (
    <>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setFailed(false);
          signOut().then(
            // A whole new document: nothing of the signed-in pages stays in the client cache.
            () => window.location.assign(new URL("/sign-in", window.location.href).href),
            () => setFailed(true),
          );
        }}
      >
        Sign out
      </button>
      {failed && (
        <span role="alert" className="sign-out-error">
          Could not sign out: check the connection and try again.
        </span>
      )}
    </>
  );
}
