// The database that the SQL migrations build must be the one schema.prisma describes:
// every model, column, type, nullability, default, primary key, unique, index, foreign key
// and enum, with the names Prisma Migrate would give them (so `prisma migrate deploy` and
// `prisma migrate diff` agree with the runner).
import { readFileSync } from "node:fs";
import path from "node:path";
import wasm from "@prisma/prisma-schema-wasm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: { name: string; args: unknown[] } | string | number | boolean | unknown[];
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  algorithm?: string;
  dbName?: string | null;
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName?: string | null; values: { name: string; dbName?: string | null }[] }[];
    indexes: DmmfIndex[];
  };
}

const schema = readFileSync(path.join(process.cwd(), "prisma/schema.prisma"), "utf8");
const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: schema }))) as Dmmf;
const models = dmmf.datamodel.models;
const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
const modelByName = new Map(models.map((m) => [m.name, m]));
const columnOf = (m: DmmfModel, field: string) => {
  const f = m.fields.find((x) => x.name === field);
  if (!f) throw new Error(`${m.name}.${field} not in schema`);
  return f.dbName ?? f.name;
};

const SCALAR_UDT: Record<string, string> = {
  String: "text",
  Int: "int4",
  BigInt: "int8",
  Float: "float8",
  Boolean: "bool",
  Json: "jsonb",
  DateTime: "timestamp",
  Decimal: "numeric",
  Bytes: "bytea",
};
const NATIVE_UDT: Record<string, string> = {
  Uuid: "uuid",
  Timestamptz: "timestamptz",
  Timestamp: "timestamp",
  Text: "text",
};

function expectedUdt(f: DmmfField): string {
  if (f.kind === "enum") {
    const e = dmmf.datamodel.enums.find((x) => x.name === f.type);
    return e?.dbName ?? f.type;
  }
  const native = f.nativeType?.[0];
  return (native && NATIVE_UDT[native]) ?? SCALAR_UDT[f.type] ?? `?${f.type}`;
}

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

describe("migrated database vs schema.prisma", () => {
  it("has exactly the schema's tables (plus Prisma's migration table)", async () => {
    const res = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const actual = res.rows.map((r) => r.table_name).sort();
    expect(actual).toEqual([...models.map(tableOf), "_prisma_migrations"].sort());
  });

  it("has the schema's enums with their values in order", async () => {
    const res = await client.query<{ name: string; labels: string[] }>(
      `SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    const actual = Object.fromEntries(res.rows.map((r) => [r.name, r.labels]));
    const expected = Object.fromEntries(
      dmmf.datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)]),
    );
    expect(actual).toEqual(expected);
  });

  for (const model of models) {
    const table = tableOf(model);
    const scalars = model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");

    it(`${model.name}: columns, types, nullability and defaults`, async () => {
      const res = await client.query<{
        column_name: string;
        data_type: string;
        udt_name: string;
        is_nullable: "YES" | "NO";
        datetime_precision: number | null;
        column_default: string | null;
      }>(
        `SELECT column_name, data_type, udt_name, is_nullable, datetime_precision, column_default
           FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [table],
      );
      const actual = Object.fromEntries(
        res.rows.map((c) => [
          c.column_name,
          {
            udt: c.udt_name,
            nullable: c.is_nullable === "YES",
            precision: c.udt_name.startsWith("timestamp") ? c.datetime_precision : null,
            hasDefault: c.column_default !== null,
          },
        ]),
      );
      const expected = Object.fromEntries(
        scalars.map((f) => {
          const udt = expectedUdt(f);
          const dbDefault =
            f.hasDefaultValue &&
            !(
              typeof f.default === "object" &&
              f.default &&
              "name" in f.default &&
              ["uuid", "cuid"].includes(f.default.name)
            );
          const precision = udt.startsWith("timestamp") ? Number(f.nativeType?.[1]?.[0] ?? 3) : null;
          return [
            f.dbName ?? f.name,
            {
              udt: f.isList ? `_${udt}` : udt,
              // Prisma Migrate leaves scalar lists nullable.
              nullable: f.isList ? true : !f.isRequired,
              precision,
              hasDefault: Boolean(dbDefault),
            },
          ];
        }),
      );
      expect(actual).toEqual(expected);
    });

    it(`${model.name}: primary key, unique constraints and indexes with Prisma's names`, async () => {
      const res = await client.query<{
        name: string;
        unique: boolean;
        primary: boolean;
        method: string;
        cols: string[];
      }>(
        `SELECT i.relname::text AS name, ix.indisunique AS unique, ix.indisprimary AS primary, am.amname AS method,
                array_agg(a.attname::text ORDER BY k.ord) AS cols
           FROM pg_index ix
           JOIN pg_class t ON t.oid = ix.indrelid
           JOIN pg_class i ON i.oid = ix.indexrelid
           JOIN pg_am am ON am.oid = i.relam
           JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
          WHERE t.relname = $1 AND t.relnamespace = 'public'::regnamespace
          GROUP BY i.relname, ix.indisunique, ix.indisprimary, am.amname`,
        [table],
      );
      const actual = res.rows
        .map((r) => ({
          name: r.name,
          kind: r.primary ? "id" : r.unique ? "unique" : "normal",
          method: r.method,
          cols: r.cols,
        }))
        .sort((a, b) => a.name.localeCompare(b.name));

      const indexes = dmmf.datamodel.indexes.filter((i) => i.model === model.name);
      const expected = indexes
        .map((i) => {
          const cols = i.fields.map((f) => columnOf(model, f.name));
          const suffix = i.type === "id" ? "pkey" : i.type === "unique" ? "key" : "idx";
          // Prisma's own name, unless the schema gives one (`map:`).
          const name =
            i.dbName ?? (i.type === "id" ? `${table}_pkey` : `${table}_${cols.join("_")}_${suffix}`);
          return { name, kind: i.type, method: (i.algorithm ?? "BTree").toLowerCase(), cols };
        })
        .sort((a, b) => a.name.localeCompare(b.name));
      expect(actual).toEqual(expected);
    });

    it(`${model.name}: foreign keys with their delete rules`, async () => {
      const res = await client.query<{
        name: string;
        cols: string[];
        ref_table: string;
        ref_cols: string[];
        del: string;
        upd: string;
      }>(
        `SELECT c.conname::text AS name,
                array(SELECT attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                        JOIN pg_attribute ON attrelid = c.conrelid AND attnum = k.n ORDER BY o) AS cols,
                rt.relname::text AS ref_table,
                array(SELECT attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                        JOIN pg_attribute ON attrelid = c.confrelid AND attnum = k.n ORDER BY o) AS ref_cols,
                c.confdeltype AS del, c.confupdtype AS upd
           FROM pg_constraint c
           JOIN pg_class t ON t.oid = c.conrelid
           JOIN pg_class rt ON rt.oid = c.confrelid
          WHERE c.contype = 'f' AND t.relname = $1`,
        [table],
      );
      const DELETE_CODE: Record<string, string> = {
        Cascade: "c",
        SetNull: "n",
        Restrict: "r",
        NoAction: "a",
        SetDefault: "d",
      };
      const actual = res.rows
        .map((r) => ({
          name: r.name,
          cols: r.cols,
          refTable: r.ref_table,
          refCols: r.ref_cols,
          onDelete: r.del,
          onUpdate: r.upd,
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const expected = model.fields
        .filter((f) => f.kind === "object" && f.relationFromFields && f.relationFromFields.length > 0)
        .map((f) => {
          const target = modelByName.get(f.type)!;
          const cols = f.relationFromFields!.map((c) => columnOf(model, c));
          const onDelete = f.relationOnDelete ?? (f.isRequired ? "Restrict" : "SetNull");
          return {
            name: `${table}_${cols.join("_")}_fkey`,
            cols,
            refTable: tableOf(target),
            refCols: f.relationToFields!.map((c) => columnOf(target, c)),
            onDelete: DELETE_CODE[onDelete],
            onUpdate: "c",
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name));
      expect(actual).toEqual(expected);
    });
  }
});
