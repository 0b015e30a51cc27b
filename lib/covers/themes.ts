/**
 * What a genre looks like on a cover: palettes (background, second background, ink for text, accent
 * for ornament and rules), the typeface family the title is set in, and the ornaments that suit it.
 * A cover picks one of each deterministically, so two fantasy novels differ but both read as fantasy.
 */
export type Palette = { bg: string; bg2: string; ink: string; accent: string };
export type Face = "serif" | "sans" | "didone";
export type OrnamentName = "constellation" | "sunburst" | "waves" | "dots" | "fleuron" | "arches" | "shards" | "rings";
export type Theme = { name: string; palettes: Palette[]; faces: Face[]; ornaments: OrnamentName[]; uppercaseTitle: boolean };

/** Font stacks only: covers render offline, in browsers and in e-readers, with what each device has. */
export const FONT_STACKS: Record<Face, string> = {
  serif: "'Iowan Old Style', 'Palatino Linotype', Palatino, 'Book Antiqua', Georgia, serif",
  didone: "Didot, 'Bodoni 72', 'Bodoni MT', 'Playfair Display', 'Hoefler Text', Georgia, serif",
  sans: "'Avenir Next', Futura, 'Century Gothic', 'Helvetica Neue', 'Segoe UI', Helvetica, Arial, sans-serif",
};

const THEMES: Record<string, Theme> = {
  fantasy: {
    name: "fantasy",
    palettes: [
      { bg: "#14301f", bg2: "#0a1a11", ink: "#f3ead2", accent: "#c9a24b" },
      { bg: "#2a1940", bg2: "#150b24", ink: "#f5ecd9", accent: "#d8b25a" },
      { bg: "#0f2a3a", bg2: "#07151e", ink: "#f1e9d6", accent: "#e0b867" },
    ],
    faces: ["serif", "didone"],
    ornaments: ["constellation", "fleuron", "arches", "sunburst"],
    uppercaseTitle: false,
  },
  scifi: {
    name: "science fiction",
    palettes: [
      { bg: "#070b1a", bg2: "#0f1f3d", ink: "#e6f4ff", accent: "#39d0ff" },
      { bg: "#12061f", bg2: "#2a0d3d", ink: "#f4e9ff", accent: "#ff5fa2" },
      { bg: "#0b1d1f", bg2: "#021012", ink: "#e8fff6", accent: "#7cf5c1" },
    ],
    faces: ["sans"],
    ornaments: ["constellation", "rings", "dots", "sunburst"],
    uppercaseTitle: true,
  },
  mystery: {
    name: "mystery",
    palettes: [
      { bg: "#1d1f24", bg2: "#0e0f12", ink: "#efe6d6", accent: "#d69a3a" },
      { bg: "#22303a", bg2: "#121a20", ink: "#f2ece2", accent: "#c8553d" },
      { bg: "#2b2420", bg2: "#15110f", ink: "#efe8dc", accent: "#b8a27a" },
    ],
    faces: ["serif", "sans"],
    ornaments: ["arches", "dots", "shards", "fleuron"],
    uppercaseTitle: false,
  },
  thriller: {
    name: "thriller",
    palettes: [
      { bg: "#0b0b0c", bg2: "#1c1c1f", ink: "#f5f5f5", accent: "#e0262b" },
      { bg: "#f2efe8", bg2: "#dcd6c8", ink: "#111111", accent: "#d0201f" },
      { bg: "#101820", bg2: "#05090d", ink: "#fafafa", accent: "#f2b705" },
    ],
    faces: ["sans"],
    ornaments: ["shards", "dots", "waves"],
    uppercaseTitle: true,
  },
  romance: {
    name: "romance",
    palettes: [
      { bg: "#f7e1e0", bg2: "#efc9c8", ink: "#3a1420", accent: "#9c2f48" },
      { bg: "#2e0f1d", bg2: "#18060e", ink: "#fbeef0", accent: "#f0a3b5" },
      { bg: "#fdf3e7", bg2: "#f3dcc4", ink: "#40222e", accent: "#c0567a" },
    ],
    faces: ["didone", "serif"],
    ornaments: ["rings", "fleuron", "waves", "arches"],
    uppercaseTitle: false,
  },
  literary: {
    name: "literary fiction",
    palettes: [
      { bg: "#f3eee3", bg2: "#e4dccb", ink: "#1f1f1f", accent: "#b23a2b" },
      { bg: "#e7e2d6", bg2: "#d3ccbb", ink: "#1c1c1c", accent: "#2d4a5a" },
      { bg: "#1e2a2f", bg2: "#111a1e", ink: "#f4efe4", accent: "#e9dcc0" },
    ],
    faces: ["serif", "didone"],
    ornaments: ["arches", "waves", "dots", "rings"],
    uppercaseTitle: false,
  },
  historical: {
    name: "historical fiction",
    palettes: [
      { bg: "#e9dcc0", bg2: "#d6c39c", ink: "#2b1a0e", accent: "#6b3e1f" },
      { bg: "#3b2a1a", bg2: "#22170d", ink: "#f3e7cf", accent: "#d9b779" },
      { bg: "#24323a", bg2: "#121b20", ink: "#efe6d4", accent: "#c19a5b" },
    ],
    faces: ["serif", "didone"],
    ornaments: ["fleuron", "arches", "sunburst"],
    uppercaseTitle: false,
  },
  horror: {
    name: "horror",
    palettes: [
      { bg: "#080606", bg2: "#1c0707", ink: "#e9e1d6", accent: "#9e1010" },
      { bg: "#101410", bg2: "#040604", ink: "#e6e8df", accent: "#8fae6a" },
      { bg: "#16121c", bg2: "#07050a", ink: "#ece8f2", accent: "#b7b0c8" },
    ],
    faces: ["didone", "serif"],
    ornaments: ["shards", "rings", "constellation"],
    uppercaseTitle: true,
  },
  youngAdult: {
    name: "young adult",
    palettes: [
      { bg: "#1b2cc1", bg2: "#101a78", ink: "#ffffff", accent: "#ffd23f" },
      { bg: "#ff5a5f", bg2: "#d63d42", ink: "#1b1b1b", accent: "#ffe066" },
      { bg: "#0f766e", bg2: "#0a4f4a", ink: "#ffffff", accent: "#fca5a5" },
    ],
    faces: ["sans", "serif"],
    ornaments: ["dots", "waves", "sunburst", "rings"],
    uppercaseTitle: true,
  },
  nonfiction: {
    name: "non-fiction",
    palettes: [
      { bg: "#ffffff", bg2: "#eef2f7", ink: "#111111", accent: "#1a5fb4" },
      { bg: "#f4f1ea", bg2: "#e6e0d2", ink: "#161616", accent: "#e4572e" },
      { bg: "#0d2c54", bg2: "#071a33", ink: "#ffffff", accent: "#f6c343" },
    ],
    faces: ["sans", "serif"],
    ornaments: ["dots", "waves", "rings"],
    uppercaseTitle: false,
  },
};

const MATCHERS: [RegExp, keyof typeof THEMES][] = [
  [/sci|space|cyber|future|dystop/i, "scifi"],
  [/fantasy|myth|fairy|magic/i, "fantasy"],
  [/mystery|crime|detective|noir|cozy/i, "mystery"],
  [/thrill|suspense|spy|action/i, "thriller"],
  [/romance|love/i, "romance"],
  [/horror|ghost|gothic/i, "horror"],
  [/histor|period|war/i, "historical"],
  [/young|\bya\b|teen|middle grade|children/i, "youngAdult"],
  [/non-?fiction|memoir|essay|guide|biograph|self-help|business|history of/i, "nonfiction"],
];

/** The theme for a genre as an author typed it ("Cozy mystery", "Space opera"); literary otherwise. */
export function themeFor(genre: string): Theme {
  const key = MATCHERS.find(([re]) => re.test(genre))?.[1] ?? "literary";
  return THEMES[key]!;
}
