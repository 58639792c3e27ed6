import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

// The layers, kept apart (README, "Architecture"):
//   app/ -> lib/server (checked entry points) -> lib/server/sql (unchecked SQL) -> lib/domain
//   components/ see only lib/contracts, lib/domain and lib/validation.
const SERVER = "**/lib/server/**";
const SQL = "**/lib/server/sql/**";
const DB = "**/lib/server/platform/db";
const GENERATED = "**/lib/generated/**";

const restrict = (patterns) => ({
  "no-restricted-imports": ["error", { patterns }],
});

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".data/**",
      "lib/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "**/*.mjs",
      "**/*.js",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["warn", { allow: ["warn", "error", "info"] }],
    },
  },
  // Type-aware rules: the promise and type-safety checks of typescript-eslint's recommended set.
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/require-await": "error",
      "@typescript-eslint/no-unsafe-assignment": "error",
      "@typescript-eslint/no-unsafe-call": "error",
      "@typescript-eslint/no-unsafe-member-access": "error",
      "@typescript-eslint/no-unsafe-return": "error",
      "@typescript-eslint/no-unsafe-argument": "error",
      "@typescript-eslint/no-base-to-string": "error",
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowNullish: true },
      ],
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
      "@typescript-eslint/no-redundant-type-constituents": "error",
      "@typescript-eslint/only-throw-error": "error",
      "@typescript-eslint/prefer-promise-reject-errors": "error",
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  {
    files: ["scripts/**", "e2e/**", "tests/**", ".ci/**"],
    rules: { "no-console": "off" },
  },
  // Test matchers (expect.any, expect.objectContaining) are typed any.
  {
    files: ["tests/**", "e2e/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
    },
  },
  // Pure domain code: no I/O, no framework, nothing of the other layers; only itself and zod.
  {
    files: ["lib/domain/**"],
    rules: restrict([
      {
        regex: "^(?!zod$|\\.{1,2}/)",
        message: "lib/domain is pure TypeScript: it imports only itself and zod.",
      },
      {
        group: ["**/server/**", "**/contracts/**", "**/generated/**", "**/components/**", "**/app/**"],
        message: "lib/domain imports only lib/domain and zod.",
      },
    ]),
  },
  {
    files: ["lib/contracts/**"],
    rules: restrict([
      {
        group: [SERVER, GENERATED, "**/components/**"],
        message: "Contracts are types over lib/domain only.",
      },
    ]),
  },
  // Components get their data from pages: contracts, domain and validation only.
  {
    files: ["components/**"],
    rules: restrict([
      { group: ["@/lib/server/**", SERVER], message: "Components import lib/contracts, never lib/server." },
      { group: ["@/lib/generated/**", GENERATED], message: "Prisma types stay on the server." },
    ]),
  },
  // Pages and route handlers call the checked entry points, never the unchecked SQL or the db.
  {
    files: ["app/**"],
    rules: restrict([
      {
        group: ["@/lib/server/sql/**", SQL, "@/lib/server/platform/db", DB],
        message: "Pages call the role-checked functions of lib/server, never its SQL or the db.",
      },
      { group: ["@/lib/generated/**", GENERATED], message: "Prisma types stay in lib/server." },
    ]),
  },
  // The unchecked SQL runs without Next: it must not depend on server-only modules.
  {
    files: ["lib/server/sql/**"],
    rules: restrict([
      {
        regex: "^(server-only$|\\.\\./(?!\\.\\.))",
        message:
          "lib/server/sql is imported by scripts too: it may use only itself, lib/domain and lib/contracts.",
      },
    ]),
  },
  // Scripts run outside Next: they may use the SQL layer, never the server-only one.
  {
    files: ["scripts/**"],
    rules: restrict([
      {
        regex: "lib/server/(?!sql/)",
        message: "Scripts run outside Next: use lib/server/sql, not the server-only layer.",
      },
    ]),
  },
];

export default config;
