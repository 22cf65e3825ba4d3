import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Tabs } from './Tabs';

function Example({ dir }: { dir: 'ltr' | 'rtl' }) {
  const [active, setActive] = useState<'a' | 'b' | 'c'>('a');
  return (
    <div dir={dir} style={{ direction: dir }}>
      <Tabs
        label="Sections"
        active={active}
        onChange={setActive}
        items={[
          { key: 'a', label: 'First' },
          { key: 'b', label: 'Second' },
          { key: 'c', label: 'Third' },
        ]}
      >
        <p>panel {active}</p>
      </Tabs>
    </div>
  );
}

describe('Tabs', () => {
  it('moves with the arrow keys and wraps around', async () => {
    const user = userEvent.setup();
    render(<Example dir="ltr" />);
    await user.click(screen.getByRole('tab', { name: 'First' }));
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Second' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Second' })).toHaveFocus();
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Third' })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Home}');
    expect(screen.getByRole('tabpanel')).toHaveTextContent('panel a');
  });

  it('mirrors the arrow keys in right-to-left pages', async () => {
    const user = userEvent.setup();
    render(<Example dir="rtl" />);
    await user.click(screen.getByRole('tab', { name: 'First' }));
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Second' })).toHaveAttribute('aria-selected', 'true');
  });
});
