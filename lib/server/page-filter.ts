// Reads the table settings of a page or export request from its search parameters.
import { PAGE_SIZES, SORTS, type StudySort, type TableRequest } from "./studies";

export type SearchParams = Record<string, string | string[] | undefined>;

export function readTableRequest(params: SearchParams): TableRequest {
  const one = (k: string) => {
    const v = params[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const sort = (SORTS as readonly string[]).includes(one("sort") ?? "")
    ? (one("sort") as StudySort)
    : "table";
  const direction = one("dir") === "desc" ? "desc" : "asc";
  const page = Math.max(1, Math.min(1_000_000, Number.parseInt(one("page") ?? "1", 10) || 1));
  const size = Number(one("size"));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : 50;
  return { sort, direction, page, pageSize };
}
