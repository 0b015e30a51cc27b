"use client";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { generateCoverAction } from "@/actions/covers";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/error-banner";

type PublicError = { code: string; message: string; details?: Record<string, unknown> } | null;

const ACCEPT = "image/png,image/jpeg,image/webp";
const MAX_BYTES = 5 * 1024 * 1024;

// Keyed by the LLM service's error codes (lib/llm/errors.ts).
const FALLBACK_NOTE: Record<string, string> = {
  timeout: "The image model took too long",
  unavailable: "The image model could not be reached",
  rate_limited: "The image model is busy",
  quota_exhausted: "The image model has reached its usage limit",
  unauthorized: "The image model refused Quire's key",
  bad_request: "The image model refused the request",
  content_filtered: "The image model declined this picture",
  bad_response: "The image model did not return an image",
  budget_exceeded: "AI spending has reached its limit for now",
};

const WHAT_IS_ACCEPTED = "Choose a PNG, JPEG or WebP image of at most 5 MB.";

/** An upload refusal in words that say what to do (the route's details say which check failed). */
function uploadProblem(error: NonNullable<PublicError>): string {
  const reason = String(error.details?.reason ?? "");
  if (error.code.startsWith("payload_too_large")) return `That image is larger than 5 MB. ${WHAT_IS_ACCEPTED}`;
  if (!error.code.startsWith("bad_request")) return error.message;
  if (reason === "unknown_type" || reason === "type") return `That file is not a PNG, JPEG or WebP image. ${WHAT_IS_ACCEPTED}`;
  if (reason === "corrupt" || reason === "truncated") return `That image file is damaged or incomplete. Save it again from your image editor, then upload it. ${WHAT_IS_ACCEPTED}`;
  if (reason === "empty") return `That file is empty. ${WHAT_IS_ACCEPTED}`;
  if (reason === "dimensions") {
    const { minSide, maxSide, width, height } = error.details as { minSide?: number; maxSide?: number; width?: number; height?: number };
    return `That image is ${width} × ${height} pixels; a cover needs sides between ${minSide} and ${maxSide} pixels (1600 × 2560 suits most stores).`;
  }
  return `That file can't be used as a cover. ${WHAT_IS_ACCEPTED}`;
}

/**
 * The cover on the book page: what it looks like now, a button to (re)generate it and an upload
 * for the author's own image. The image URL carries the cover key so a new cover shows at once.
 */
export function CoverPanel({ bookId, title, coverKey, painterLabel }: { bookId: string; title: string; coverKey: string | null; painterLabel: string | null }) {
  const router = useRouter();
  const generate = useServerAction(generateCoverAction);
  const fileInput = useRef<HTMLInputElement>(null);
  const [uploadError, setUploadError] = useState<PublicError>(null);
  const [uploading, setUploading] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const src = `/api/books/${bookId}/cover?v=${encodeURIComponent(coverKey ?? "composed")}`;

  async function upload(file: File) {
    setUploadError(null);
    setNotice(null);
    if (!ACCEPT.split(",").includes(file.type)) return setUploadError({ code: "bad_request:cover", message: "", details: { reason: "type" } });
    if (file.size > MAX_BYTES) return setUploadError({ code: "payload_too_large:cover", message: "" });
    setUploading(true);
    try {
      const res = await fetch(`/api/books/${bookId}/cover`, { method: "POST", body: file, headers: { "content-type": file.type } });
      const body = (await res.json().catch(() => ({}))) as { error?: PublicError };
      if (!res.ok) return setUploadError(body.error ?? { code: "internal:cover", message: "The upload failed on Quire's side. Your cover is unchanged; please try again." });
      setNotice("Your cover is uploaded.");
      router.refresh();
    } catch {
      setUploadError({ code: "unavailable:cover", message: "The upload did not reach Quire. Check your connection and try again." });
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = "";
    }
  }

  return (
    <div className="grid gap-4 sm:grid-cols-[180px_1fr]">
      {/* eslint-disable-next-line @next/next/no-img-element -- an SVG or an upload served by our own route */}
      <img src={src} alt={`Cover of ${title}`} data-testid="book-cover" className="aspect-[10/16] w-[180px] rounded-md border border-border object-cover shadow-sm" />
      <div className="grid content-start gap-3">
        <p className="text-sm text-muted-foreground" data-testid="cover-source">
          {coverKey ? "Your saved cover." : "A cover Quire designed from the title and genre; generate it to keep it."}{" "}
          {/* How a generated cover is made matters only while there is no cover of the author's own choosing. */}
          {coverKey ? "" : painterLabel ? `Generated covers are painted by ${painterLabel}, with the title set by Quire.` : "Generated covers are typographic: your title and name set on a designed background."}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button
            disabled={generate.isPending || uploading}
            onClick={async () => {
              setNotice(null);
              const [data] = await generate.execute({ bookId });
              if (!data) return;
              setNotice(data.fallback ? `${FALLBACK_NOTE[data.fallback] ?? "The image model failed"}, so Quire set a typographic cover instead.` : "New cover saved.");
              router.refresh();
            }}
          >
            {generate.isPending ? "Generating…" : coverKey ? "Regenerate cover" : "Generate cover"}
          </Button>
          <Button variant="outline" disabled={uploading || generate.isPending} onClick={() => fileInput.current?.click()}>
            {uploading ? "Uploading…" : "Upload your own"}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept={ACCEPT}
            className="sr-only"
            aria-label="Cover image file"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void upload(file);
            }}
          />
        </div>
        <p className="text-xs text-muted-foreground">PNG, JPEG or WebP, up to 5 MB; 1600 × 2560 pixels suits most stores.</p>
        {notice && (
          <p role="status" className="text-sm">
            {notice}
          </p>
        )}
        {generate.error ? <ErrorBanner error={generate.error as PublicError} /> : <ErrorBanner error={uploadError} message={uploadError ? uploadProblem(uploadError) : undefined} />}
      </div>
    </div>
  );
}
