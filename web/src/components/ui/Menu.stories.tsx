import type { Meta, StoryObj } from '@storybook/react-vite';
import { FlagIcon, TrashIcon } from './icons';
import { Menu } from './Menu';

const meta = {
  title: 'UI/Menu',
  component: Menu,
  args: {
    label: "More actions for Nour's post",
    actions: [
      { key: 'report', label: 'Report', icon: <FlagIcon className="size-4" />, onSelect: () => {} },
      { key: 'delete', label: 'Delete', icon: <TrashIcon className="size-4" />, tone: 'danger', onSelect: () => {} },
    ],
  },
  decorators: [
    (Story) => (
      <div className="flex justify-end p-8">
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof Menu>;

export default meta;
type Story = StoryObj<typeof meta>;

export const PostActions: Story = {};
