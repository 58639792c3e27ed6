// The signed-in person as the data access layer sees them, and the role checks every
// function of lib/server runs on it.
import "server-only";
import { roleAtLeast, type Role } from "../../domain/roles";
import { forbidden, notSignedIn } from "./errors";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionVersion: number;
}

export function assertRole(user: SessionUser | null, required: Role, what?: string): SessionUser {
  if (!user) throw notSignedIn();
  if (!roleAtLeast(user.role, required)) throw forbidden(what);
  return user;
}
