import type { NextConfig } from "next";
import { initOpenNextCloudflareForDev } from "@opennextjs/cloudflare";

const nextConfig: NextConfig = {
  // Images are served as they are: Workers has no sharp, and covers are already sized.
  images: { unoptimized: true },
  serverExternalPackages: [],
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
};

// `next dev` gets the same local D1/KV/R2 bindings as `npm start` (wrangler's state in .wrangler/).
if (process.env.NODE_ENV === "development") {
  initOpenNextCloudflareForDev();
}

export default nextConfig;
