import { describe, expect, it } from 'vitest';
import { textLength } from './format';
import { postSchema, signupSchema, usernameSchema } from './validation';

const validSignup = {
  email: 'mona@example.com',
  username: 'mona_2026',
  display_name: '',
  password: 'correct horse battery',
  confirm: 'correct horse battery',
  accept_terms: true,
};

describe('validation mirrors the API rules', () => {
  it.each(['mona', 'منى_حسن', 'user_123', 'abc'])('accepts the username %s', (name) => {
    expect(usernameSchema.safeParse(name).success).toBe(true);
  });

  it.each(['ab', 'a'.repeat(31), 'mona!', 'mo na', 'ΜΟΝΑ', 'mona😀'])('refuses the username %s', (name) => {
    expect(usernameSchema.safeParse(name).success).toBe(false);
  });

  it('counts Unicode code points after trimming, as the API does', () => {
    expect(textLength('  😀😀  ')).toBe(2);
    expect(postSchema.safeParse({ content: '😀'.repeat(1000) }).success).toBe(true);
    expect(postSchema.safeParse({ content: '😀'.repeat(1001) }).success).toBe(false);
    expect(postSchema.safeParse({ content: '   ' }).success).toBe(false);
  });

  it('requires matching passwords, 8..128 characters and accepted terms', () => {
    expect(signupSchema.safeParse(validSignup).success).toBe(true);
    const mismatch = signupSchema.safeParse({ ...validSignup, confirm: 'other' });
    expect(mismatch.error?.issues[0]?.path).toEqual(['confirm']);
    expect(signupSchema.safeParse({ ...validSignup, password: 'short', confirm: 'short' }).success).toBe(false);
    const long = 'x'.repeat(129);
    expect(signupSchema.safeParse({ ...validSignup, password: long, confirm: long }).success).toBe(false);
    const terms = signupSchema.safeParse({ ...validSignup, accept_terms: false });
    expect(terms.error?.issues[0]?.message).toBe('validation.terms_required');
  });
});
