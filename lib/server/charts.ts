// The dose charts' data for the signed-in team.
import "server-only";
import type { DoseChartData } from "../contracts/charts";
import { parseChartOptions, type ChartOptions } from "../domain/charts/options";
import { parseFilter, type CohortFilter } from "../domain/filter/filter";
import { db } from "./platform/db";
import { HTTP_STATUS, isDatabaseUnavailable } from "./platform/errors";
import { currentUser } from "./platform/session";
import { assertRole, type SessionUser } from "./platform/session-user";
import { cachedDoseChart } from "./sql/dose-chart";
import { sharedCohortChart } from "./shares";
import { scoped } from "./visibility";

/** The dose chart data of the filtered studies. */
export async function doseChart(
  actor: SessionUser | null,
  filter: CohortFilter,
  options: Pick<ChartOptions, "groupBy">,
): Promise<DoseChartData> {
  const user = assertRole(actor, "viewer");
  return cachedDoseChart(db(), await scoped(user, filter), options);
}

/**
 * GET /api/charts.json: the chart data of a filter (the same parameters as /charts), for the
 * charts page, which draws its points from here instead of carrying a thousand of them in its
 * HTML. Signed-in users only; a blind reviewer gets their own view, as on the page.
 */
export async function doseChartResponse(request: Request): Promise<Response> {
  const headers = { "Cache-Control": "private, no-store" };
  const user = await currentUser().catch(() => null);
  if (!user)
    return Response.json(
      { ok: false, code: "unauthenticated", error: "You are not signed in." },
      { status: HTTP_STATUS.unauthenticated, headers },
    );
  const params = new URL(request.url).searchParams;
  const reading = parseFilter(params);
  const { options } = parseChartOptions(params);
  try {
    const data = await doseChart(user, reading.filter, { groupBy: options.groupBy });
    return new Response(serialised(data), {
      headers: {
        ...headers,
        "Content-Type": "application/json",
        ...(reading.ignored.length ? { "X-Filter-Ignored": reading.ignored.join(",") } : {}),
      },
    });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) console.error("chart data failed", error);
    return Response.json(
      { ok: false, code: "unavailable", error: "The chart could not be read. Try again in a moment." },
      { status: 503, headers },
    );
  }
}

/** The chart of a shared cohort, for its page's chart (the token is the only credential, as for
 * the page; a token that does not work is a 404 like the page's). */
export async function sharedChartResponse(token: string): Promise<Response> {
  const headers = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" };
  try {
    const data = await sharedCohortChart(token);
    if (!data)
      return Response.json(
        {
          ok: false,
          code: "not_found",
          error: "This link does not work: it was revoked, has expired or is wrong.",
        },
        { status: 404, headers },
      );
    return new Response(serialised(data), { headers: { ...headers, "Content-Type": "application/json" } });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) console.error("shared chart failed", error);
    return Response.json(
      { ok: false, code: "unavailable", error: "The chart could not be read. Try again in a moment." },
      { status: 503, headers },
    );
  }
}

/** A cached chart (the same object while the data stay the same) is written out once, not for
 * every reader: 1,000 arms are over half a megabyte of JSON. */
const written = new WeakMap<DoseChartData, string>();

function serialised(data: DoseChartData): string {
  let json = written.get(data);
  if (json === undefined) written.set(data, (json = JSON.stringify(data)));
  return json;
}
