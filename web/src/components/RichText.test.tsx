import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '@/test/utils';
import { RichText } from './RichText';

describe('RichText', () => {
  it('links mentions to profiles and tags to tag pages', () => {
    renderPage(<RichText text="Tea with @mona in #القاهرة today" />);
    expect(screen.getByRole('link', { name: '@mona' })).toHaveAttribute('href', '/u/mona');
    expect(screen.getByRole('link', { name: '#القاهرة' })).toHaveAttribute(
      'href',
      `/tags/${encodeURIComponent('القاهرة')}`,
    );
  });

  it('shows markup as the characters typed, never as HTML', () => {
    const { container } = renderPage(<RichText text={'<img src=x onerror=alert(1)> <b>#bold</b> @omar'} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)> <b>#bold</b> @omar');
    expect(screen.getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual(['/tags/bold', '/u/omar']);
  });

  it('leaves email and web addresses alone', () => {
    renderPage(<RichText text="mail mona@example.com or see https://example.com/@mona#top" />);
    expect(screen.queryByRole('link')).toBeNull();
  });
});
