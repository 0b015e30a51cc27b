import { loadDashboard } from "@/lib/admin/dashboard";
import { dashboardCsv } from "@/lib/admin/csv";
import { parseDashboardFilters } from "@/lib/admin/filters";
import { adminRoute } from "@/lib/http/route";

/** The dashboard as CSV, for the same filters (search params) as the page shows. Admins only. */
export const GET = adminRoute({ surface: "admin" }, async ({ db, request }) => {
  const filters = parseDashboardFilters(Object.fromEntries(new URL(request.url).searchParams));
  const csv = dashboardCsv(await loadDashboard(db, filters), filters);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="quire-usage-${filters.from}-to-${filters.to}.csv"`,
      "cache-control": "no-store",
    },
  });
});
