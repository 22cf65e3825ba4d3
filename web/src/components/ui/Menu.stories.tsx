import type { Meta, StoryObj } from '@storybook/react-vite';
import { BlockIcon, FlagIcon, MuteIcon, TrashIcon } from './icons';
import { Menu } from './Menu';

const meta = {
  title: 'UI/Menu',
  component: Menu,
  args: {
    label: "More actions for Karim's post",
    items: [
      { key: 'report', label: 'Report', icon: <FlagIcon className="size-4" />, onSelect: () => {} },
      { key: 'mute', label: 'Mute @karim', icon: <MuteIcon className="size-4" />, onSelect: () => {} },
      { key: 'block', label: 'Block @karim', icon: <BlockIcon className="size-4" />, tone: 'danger', onSelect: () => {} },
      { key: 'delete', label: 'Delete', icon: <TrashIcon className="size-4" />, tone: 'danger', onSelect: () => {} },
    ],
  },
  decorators: [(Story) => <div className="flex min-h-64 justify-end p-4">{Story()}</div>],
} satisfies Meta<typeof Menu>;

export default meta;
type Story = StoryObj<typeof meta>;

export const PostActions: Story = {};
