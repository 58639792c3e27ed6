import { parseFilter } from "./lib/domain/cohort-filter.ts";
import { dashboardSql } from "./lib/server/dashboard.ts";
import { writeFileSync } from "node:fs";
const { filter, settings } = parseFilter(new URLSearchParams(process.argv[2] ?? ""));
const sql = dashboardSql(filter, settings);
let text = sql.text;
(sql.values as unknown[]).forEach((v, i) => {
  text = text.replaceAll(
    new RegExp(`\\$${i + 1}(?!\\d)`, "g"),
    typeof v === "number" ? String(v) : Array.isArray(v) ? `'{${v.join(",")}}'` : `'${v}'`,
  );
});
writeFileSync("/tmp/dash.sql", "EXPLAIN (ANALYZE, BUFFERS) " + text);
