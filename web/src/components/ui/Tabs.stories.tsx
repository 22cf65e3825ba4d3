import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { Tabs } from './Tabs';

const meta = {
  title: 'UI/Tabs',
  component: Tabs,
  args: { label: 'Profile sections', items: [], active: '', onChange: () => {}, children: null },
} satisfies Meta<typeof Tabs>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Profile: Story = {
  render: () => {
    const [active, setActive] = useState<'posts' | 'followers' | 'following'>('posts');
    return (
      <Tabs
        label="Profile sections"
        active={active}
        onChange={setActive}
        items={[
          { key: 'posts', label: 'Posts' },
          { key: 'followers', label: 'Followers' },
          { key: 'following', label: 'Following' },
        ]}
      >
        <p className="text-muted">Panel: {active}. Use the arrow keys to move between tabs.</p>
      </Tabs>
    );
  },
};
