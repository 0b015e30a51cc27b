import { getDb } from "@/db/request-db";
import { requireAdminApi } from "@/lib/admin/guard";
import { loadDashboard } from "@/lib/admin/dashboard";
import { dashboardCsv } from "@/lib/admin/csv";
import { parseDashboardFilters } from "@/lib/admin/filters";
import { errorResponse } from "@/lib/errors";

/** The dashboard as CSV, for the same filters (search params) as the page shows. Admins only. */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireAdminApi();
    const filters = parseDashboardFilters(Object.fromEntries(new URL(request.url).searchParams));
    const csv = dashboardCsv(await loadDashboard(getDb(), filters), filters);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="quire-usage-${filters.from}-to-${filters.to}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err, "admin");
  }
}
