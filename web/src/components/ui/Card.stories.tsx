import type { Meta, StoryObj } from '@storybook/react-vite';
import { Card } from './Card';

const meta = {
  title: 'UI/Card',
  component: Card,
  args: { children: 'A card groups related content on a raised surface.' },
} satisfies Meta<typeof Card>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Unpadded: Story = {
  args: {
    padded: false,
    className: 'overflow-hidden',
    children: <div className="h-24 bg-linear-120 from-nile-700 via-lapis-800 to-gold-700" />,
  },
};
