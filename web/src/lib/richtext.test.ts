import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import cases from './richtext-cases.json';
import { completeMention, extractMentions, extractTags, mentionAt, MENTIONS_PER_TEXT, parseRichText, tagKey } from './richtext';

describe('richtext shared cases', () => {
  it.each(cases.cases)('$text', ({ text, mentions, tags }) => {
    expect(extractMentions(text)).toEqual(mentions);
    expect(extractTags(text)).toEqual(tags);
  });
});

const latin = fc.constantFrom(...'abcXYZ019_');
const arabic = fc.constantFrom(...'منىعليالقاهرةمصر٣');
const tashkeel = fc.constantFrom('\u064E', '\u0650', '\u0652', '\u0640');
const punctuation = fc.constantFrom(...' .,!?;:()[]«»،؟-/\n\t"\'');
const emoji = fc.constantFrom('🎉', '👍🏽', '❤️', '🇪🇬');
const piece = fc.oneof(latin, arabic, tashkeel, punctuation, emoji, fc.constantFrom('@', '#', 'https://', 'www.', '&'));
const text = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));
const name = fc.array(fc.oneof(latin, arabic), { minLength: 3, maxLength: 30 }).map((p) => p.join(''));

describe('parseRichText properties', () => {
  it('gives back the input when its segments are joined', () => {
    fc.assert(fc.property(text, (t) => parseRichText(t).map((s) => s.text).join('') === t));
  });

  it('links at most MENTIONS_PER_TEXT accounts and never an empty name', () => {
    fc.assert(
      fc.property(text, (t) => {
        const segments = parseRichText(t);
        const names = new Set(segments.flatMap((s) => (s.kind === 'mention' ? [s.username.toLowerCase()] : [])));
        return names.size <= MENTIONS_PER_TEXT && segments.every((s) => s.kind === 'text' || s.text.length > 1);
      }),
    );
  });

  it('finds a mention surrounded by spaces or punctuation', () => {
    fc.assert(
      fc.property(name, punctuation, (n, p) => {
        fc.pre(p !== '/' && p !== '&');
        expect(extractMentions(`hi${p}@${n}${p} bye`)).toEqual([n]);
      }),
    );
  });

  it('never takes an email address or a web address for a mention', () => {
    fc.assert(
      fc.property(name, name, (local, host) => {
        expect(extractMentions(`${local}@${host}.com`)).toEqual([]);
        expect(extractMentions(`https://${host}.com/@${local}`)).toEqual([]);
        expect(extractTags(`https://${host}.com/#${local}x`)).toEqual([]);
      }),
    );
  });
});

describe('mentionAt and completeMention', () => {
  it('finds the mention being typed before the caret', () => {
    expect(mentionAt('hi @mo', 6)).toEqual({ start: 3, query: 'mo' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('مرحبا @من', 9)).toEqual({ start: 6, query: 'من' });
    expect(mentionAt('hi @mo there', 12)).toBeNull();
    expect(mentionAt('mail mona@ex', 12)).toBeNull();
  });

  it('completes the name and puts the caret after one space', () => {
    const text = 'hi @mo and more';
    const at = mentionAt(text, 6);
    expect(at).not.toBeNull();
    expect(completeMention(text, at!, 'mona_1')).toEqual({ text: 'hi @mona_1 and more', caret: 11 });
  });
});

describe('tagKey', () => {
  it('folds what the server folds', () => {
    expect(tagKey('القاهرة')).toBe(tagKey('القاهره'));
    expect(tagKey('مِصْر')).toBe('مصر');
    expect(tagKey('إسكندرية')).toBe(tagKey('اسكندريه'));
    expect(tagKey('مصـــر٢٠٢٦')).toBe('مصر2026');
    expect(tagKey('Cairo')).toBe('cairo');
  });
});
