import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { inspectImage } from "@/lib/image-bytes";
import { gradientPng, jpegOf, webpOf } from "./testing/images";
import { COVER_UPLOAD_LIMITS, coverUploadHeadersSchema, validateCoverImage } from "./upload";

function refusal(fn: () => unknown): { code: string; details?: Record<string, unknown> } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return { code: (err as AppError).code, details: (err as AppError).details };
  }
  throw new Error("expected a refusal");
}

describe("cover upload checks", () => {
  it("accepts PNG, JPEG and WebP by their bytes and reports their real size", () => {
    expect(validateCoverImage(new Uint8Array(gradientPng(400, 640)))).toEqual({ type: "image/png", width: 400, height: 640 });
    expect(validateCoverImage(jpegOf(1600, 2560))).toEqual({ type: "image/jpeg", width: 1600, height: 2560 });
    expect(validateCoverImage(webpOf(800, 1280))).toEqual({ type: "image/webp", width: 800, height: 1280 });
  });

  it("refuses a text file whatever it is called or declared as", () => {
    expect(refusal(() => validateCoverImage(new TextEncoder().encode("<svg onload=alert(1)>")))).toEqual({ code: "bad_request:cover", details: { reason: "unknown_type" } });
  });

  it("looks past the magic bytes: a PNG signature before junk, a cut-off file and a file with data after its end are refused", () => {
    const png = new Uint8Array(gradientPng(400, 640));
    const junk = new Uint8Array([...png.subarray(0, 8), ...new TextEncoder().encode("this is not a png at all, only its first bytes")]);
    expect(refusal(() => validateCoverImage(junk)).details?.reason).toBe("corrupt");
    expect(refusal(() => validateCoverImage(png.subarray(0, png.length - 20))).details?.reason).toBe("truncated");
    const polyglot = new Uint8Array([...png, ...new TextEncoder().encode("<script>alert(1)</script>")]);
    expect(refusal(() => validateCoverImage(polyglot)).details?.reason).toBe("corrupt");
    const jpeg = jpegOf(1600, 2560);
    expect(refusal(() => validateCoverImage(jpeg.subarray(0, jpeg.length - 2))).details?.reason).toBe("truncated");
    const webp = webpOf(800, 1280);
    expect(inspectImage(new Uint8Array([...webp, 1, 2, 3, 4]))).toBe("corrupt");
  });

  it("refuses images over 5 MB and images too small to be a cover", () => {
    const big = new Uint8Array(COVER_UPLOAD_LIMITS.maxBytes + 1);
    expect(refusal(() => validateCoverImage(big)).code).toBe("payload_too_large:cover");
    expect(refusal(() => validateCoverImage(new Uint8Array(gradientPng(40, 60))))).toMatchObject({ code: "bad_request:cover", details: { reason: "dimensions" } });
  });

  it("checks the declared type and length before reading the body", () => {
    expect(coverUploadHeadersSchema.safeParse({ contentType: "image/png", contentLength: "1000" }).success).toBe(true);
    expect(coverUploadHeadersSchema.safeParse({ contentType: "image/svg+xml" }).success).toBe(false);
    expect(coverUploadHeadersSchema.safeParse({ contentType: "image/png", contentLength: String(6 * 1024 * 1024) }).success).toBe(false);
  });
});
