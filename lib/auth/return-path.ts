/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeReturnPath(path: string | null | undefined): string {
  if (!path || !path.startsWith("/") || path.startsWith("//") || path.includes("\\")) return "/library";
  return path;
}
