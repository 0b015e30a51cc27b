import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, requestWithPolicy, withSecurityHeaders } from "./security-headers";

describe("security headers", () => {
  it("puts the policy and the fixed headers on a response and drops X-Powered-By, body untouched", async () => {
    const policy = contentSecurityPolicy("abc123==");
    const res = withSecurityHeaders(new Response("hello", { status: 201, headers: { "x-powered-by": "Next.js", "content-type": "text/plain" } }), policy);
    expect(res.status).toBe(201);
    expect(await res.text()).toBe("hello");
    expect(res.headers.get("content-type")).toBe("text/plain");
    expect(res.headers.get("content-security-policy")).toBe(policy);
    expect(policy).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    expect(res.headers.has("x-powered-by")).toBe(false);
  });

  it("keeps a route's own stricter policy and still forbids framing", () => {
    const own = "default-src 'none'; img-src data:; sandbox";
    const res = withSecurityHeaders(new Response("<svg/>", { headers: { "content-security-policy": own } }), contentSecurityPolicy("n"));
    expect(res.headers.get("content-security-policy")).toBe(`${own}; frame-ancestors 'none'`);
  });

  it("hands Next the server's nonce, never one the client sent", () => {
    const policy = contentSecurityPolicy(newNonce());
    const req = requestWithPolicy(new Request("https://q.test/sign-in", { headers: { "content-security-policy": "script-src 'nonce-evil'" } }), policy);
    expect(req.headers.get("content-security-policy")).toBe(policy);
    expect(policy).not.toContain("evil");
  });

  it("makes a different nonce each time", () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
