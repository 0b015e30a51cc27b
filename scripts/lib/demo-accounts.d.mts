export const DEMO_ACCOUNTS: { role: "admin" | "author"; name: string; email: string; password: string }[];
