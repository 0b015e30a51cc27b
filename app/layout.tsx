import type { Metadata } from "next";
import "./globals.css";

// Every Quire page depends on who is signed in: nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Quire", template: "%s · Quire" },
  description: "Write a book with AI: premise, outline, story bible, chapters, cover and export.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
