import { describe, expect, it } from 'vitest';
import { initials } from './Avatar';

describe('avatar initials', () => {
  it('takes the first letters of the first and last Latin names', () => {
    expect(initials('Nour El-Din')).toBe('NE');
    expect(initials('yasmine')).toBe('Y');
  });

  it('takes one letter of an Arabic name, since two would join into a word', () => {
    expect(initials('سلمى حسن')).toBe('س');
    expect(initials('Omar خالد')).toBe('O');
  });
});
