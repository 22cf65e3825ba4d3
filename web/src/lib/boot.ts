import type { LoginResponse, Page, Post } from './types';

/** What public/boot.js started before the app loaded (see that file for why). */
interface Boot {
  session: Promise<LoginResponse | null> | null;
  feed: Promise<Response | null> | null;
}

declare global {
  interface Window {
    __dairaBoot?: Boot;
  }
}

/**
 * The page load's session check, started by boot.js; null when there was none or it was
 * already taken. Taken once: later checks must refresh again (refresh tokens rotate).
 */
export function takeBootSession(): Promise<LoginResponse | null> | null {
  const boot = window.__dairaBoot;
  const session = boot?.session ?? null;
  if (boot) boot.session = null;
  return session;
}

/** The first page of the home feed, when boot.js could ask for it; taken once. */
export async function takeBootFeed(): Promise<Page<Post> | null> {
  const boot = window.__dairaBoot;
  const feed = boot?.feed ?? null;
  if (boot) boot.feed = null;
  const res = feed ? await feed : null;
  return res?.ok ? ((await res.json()) as Page<Post>) : null;
}
