// Reading a page's search parameters, whether Next hands them over as an object or a URL's
// URLSearchParams: every reader of URL state (filter, chart, analysis, table) goes through here.

/** The search parameters of a page, as Next.js passes them to a server component. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** Either form of search parameters. */
export type Params = URLSearchParams | SearchParams;

/** Every value given for `key`, in order. */
export function paramValues(params: Params, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const v = params[key];
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

/** The first value given for `key`, or undefined. */
export function firstParam(params: Params, key: string): string | undefined {
  return paramValues(params, key)[0];
}

/** The parameter names present. */
export function paramKeys(params: Params): string[] {
  return params instanceof URLSearchParams ? [...new Set(params.keys())] : Object.keys(params);
}

/** The parameters as a URLSearchParams (object values in order, empty ones dropped). */
export function toSearchParams(params: Params): URLSearchParams {
  if (params instanceof URLSearchParams) return new URLSearchParams(params);
  const out = new URLSearchParams();
  for (const key of Object.keys(params)) for (const v of paramValues(params, key)) out.append(key, v);
  return out;
}

/** "/studies?disease=SLE", or the bare path for an empty query. */
export function withQuery(path: string, query: string | URLSearchParams): string {
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}
