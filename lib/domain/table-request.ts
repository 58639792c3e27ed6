// How the studies table is ordered and paged, read from a page's or an export's URL.
import { firstParam, type Params } from "./url-params";

export const SORTS = ["disease", "route", "enrollment", "dose", "registry", "reference", "table"] as const;
export type StudySort = (typeof SORTS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;

export interface TableRequest {
  sort: StudySort;
  direction: "asc" | "desc";
  page: number;
  pageSize: number;
}

const isSort = (s: string | undefined): s is StudySort => (SORTS as readonly string[]).includes(s ?? "");

export function readTableRequest(params: Params): TableRequest {
  const sortParam = firstParam(params, "sort");
  const sort = isSort(sortParam) ? sortParam : "table";
  const direction = firstParam(params, "dir") === "desc" ? "desc" : "asc";
  const page = Math.max(1, Math.min(1_000_000, Number.parseInt(firstParam(params, "page") ?? "1", 10) || 1));
  const size = Number(firstParam(params, "size"));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : 50;
  return { sort, direction, page, pageSize };
}
