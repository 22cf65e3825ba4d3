// Mentions and hashtags in post and comment text, by the same rules as the server's parser
// (backend/daira/tags/entities.py), so a link shown here is one the server also recognised.

/** Characters of a username: Latin letters, digits, `_`, Arabic letters and Arabic-Indic digits. */
const NAME_CHARS = 'A-Za-z0-9_\\u0621-\\u063A\\u0641-\\u064A\\u0660-\\u0669\\u06F0-\\u06F9';
/** Tashkeel, superscript alef and tatweel: part of an Arabic tag, folded away by the server. */
const MARKS = '\\u064B-\\u065F\\u0670\\u0640';

export const MENTION_MIN = 3;
export const MENTION_MAX = 30;
/** The server records at most this many mentioned accounts per text; later ones stay plain text. */
export const MENTIONS_PER_TEXT = 10;
export const TAGS_PER_TEXT = 30;
export const TAG_MAX = 64;

// A sigil counts only at the start of a word: after a letter, digit or `_` it is part of an
// email address (`mona@example.com`) or an anchor (`page#top`); after `@`, `#`, `&`, `/` or `\`
// it is a doubled sigil, an HTML entity or part of a path.
const BEFORE = '(?<![\\p{L}\\p{N}_@#&/\\\\])';
// A mention must end with the name: `@mona@mastodon.social` and `@mona.example` name someone else.
const MENTION = new RegExp(
  `${BEFORE}@([${NAME_CHARS}]{${MENTION_MIN},${MENTION_MAX}})(?![\\p{L}\\p{N}_@]|\\.[\\p{L}\\p{N}_])`,
  'gu',
);
// The marks are listed as ranges of escapes, not glued to a letter, so the class is not misleading.
// eslint-disable-next-line no-misleading-character-class
const TAG = new RegExp(`${BEFORE}#([${NAME_CHARS}${MARKS}]+)`, 'gu');
const ARABIC_FORMS: Record<string, string> = { 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ی': 'ي', 'ک': 'ك', 'ھ': 'ه', 'ـ': '' };
// Web addresses are skipped whole, so `https://x.com/#about` or `https://x.com/@mona` link nothing.
const URL_RE = /(?:https?:\/\/|www\.)\S+/giu;

export const tagPath = (tag: string) => `/tags/${encodeURIComponent(tag)}`;
export const profilePath = (username: string) => `/u/${encodeURIComponent(username)}`;

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'mention'; text: string; username: string }
  | { kind: 'tag'; text: string; tag: string };

type Entity = Exclude<Segment, { kind: 'text' }> & { start: number };

/**
 * A tag's identity, folded like the server's moderation normaliser folds it (case, diacritics,
 * hamza forms, alef/ya/ta-marbuta, tatweel, Arabic-Indic digits): `#القاهرة` and `#القاهره` are one.
 */
export function tagKey(tag: string): string {
  return tag
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[ٱىةیکھـ]/gu, (c) => ARABIC_FORMS[c] ?? c)
    .replace(/[\u0660-\u0669\u06F0-\u06F9]/gu, (c) => String(c.charCodeAt(0) & 0xf))
    .normalize('NFC');
}

function entities(text: string): Entity[] {
  const scannable = text.replace(URL_RE, (url) => ' '.repeat(url.length));
  const found: Entity[] = [];
  const names = new Set<string>();
  for (const m of scannable.matchAll(MENTION)) {
    const username = m[1] ?? '';
    const key = username.toLowerCase();
    if (!names.has(key)) {
      if (names.size === MENTIONS_PER_TEXT) break;
      names.add(key);
    }
    found.push({ kind: 'mention', text: m[0], username, start: m.index });
  }
  const tags = new Set<string>();
  for (const m of scannable.matchAll(TAG)) {
    const tag = m[1] ?? '';
    const key = tagKey(tag);
    if (key === '' || key.length > TAG_MAX) continue;
    if (!tags.has(key)) {
      if (tags.size === TAGS_PER_TEXT) continue;
      tags.add(key);
    }
    found.push({ kind: 'tag', text: m[0], tag, start: m.index });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Splits `text` into plain text, mentions and tags. Joining every segment's `text` gives back the
 * input exactly.
 */
export function parseRichText(text: string): Segment[] {
  const segments: Segment[] = [];
  let plainFrom = 0;
  for (const { start, ...entity } of entities(text)) {
    if (start > plainFrom) segments.push({ kind: 'text', text: text.slice(plainFrom, start) });
    segments.push(entity);
    plainFrom = start + entity.text.length;
  }
  if (plainFrom < text.length) segments.push({ kind: 'text', text: text.slice(plainFrom) });
  return segments;
}

/** The distinct usernames mentioned in `text`, in order of appearance (case-insensitive). */
export function extractMentions(text: string): string[] {
  const seen = new Map<string, string>();
  for (const s of parseRichText(text)) {
    if (s.kind === 'mention' && !seen.has(s.username.toLowerCase())) seen.set(s.username.toLowerCase(), s.username);
  }
  return [...seen.values()];
}

/** The distinct tags of `text` (by tagKey), each as first written. */
export function extractTags(text: string): string[] {
  const tags = new Map<string, string>();
  for (const s of parseRichText(text)) if (s.kind === 'tag' && !tags.has(tagKey(s.tag))) tags.set(tagKey(s.tag), s.tag);
  return [...tags.values()];
}

const TYPING_MENTION = new RegExp(`${BEFORE}@([${NAME_CHARS}]{0,${MENTION_MAX}})$`, 'u');

/**
 * The @mention being typed just before `caret`, if any: where its `@` is and what follows it so
 * far (possibly nothing yet). Used by the composer to suggest accounts.
 */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = TYPING_MENTION.exec(before);
  if (!match) return null;
  const query = match[1] ?? '';
  return { start: match.index, query };
}

/** `text` with the mention being typed at `at` completed to `@username ` and where the caret goes. */
export function completeMention(text: string, at: { start: number; query: string }, username: string) {
  const inserted = `@${username} `;
  const rest = text.slice(at.start + 1 + at.query.length).replace(/^ /, '');
  return { text: text.slice(0, at.start) + inserted + rest, caret: at.start + inserted.length };
}
