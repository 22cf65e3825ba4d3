import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { Textarea } from './Textarea';

const meta = {
  title: 'UI/Textarea',
  component: Textarea,
  args: { label: 'Bio', rows: 4 },
} satisfies Meta<typeof Textarea>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const WithCounter: Story = {
  render: (args) => {
    const [value, setValue] = useState('Cairo ⇄ Alexandria.');
    return (
      <Textarea {...args} value={value} onChange={(e) => setValue(e.target.value)} count={[...value].length} maxChars={300} />
    );
  },
};
export const OverTheLimit: Story = {
  args: { defaultValue: 'x'.repeat(310), count: 310, maxChars: 300, error: 'Bios are at most 300 characters.' },
};
