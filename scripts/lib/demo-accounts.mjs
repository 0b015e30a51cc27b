// Seeded only by `npm start` on a local database; never created in production.
export const DEMO_ACCOUNTS = [
  { role: "admin", name: "Quire Admin", email: "admin@quire.local", password: "quire-admin-demo" },
  { role: "author", name: "Demo Author", email: "author@quire.local", password: "quire-author-demo" },
];
