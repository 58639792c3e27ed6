import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    /** The account's id. */
    uid?: string;
    /** The account's session version when this token was issued. */
    sv?: number;
    /** The session (user_sessions.id) this token belongs to. */
    sid?: string;
    /** Set when the account was disabled or its sessions were ended. */
    expired?: boolean;
  }
}
