import type { Meta, StoryObj } from '@storybook/react-vite';
import { BlockIcon, FlagIcon, MuteIcon, TrashIcon } from './icons';
import { Menu } from './Menu';

const meta = {
  title: 'UI/Menu',
  component: Menu,
  args: {
    label: "More actions for Karim's post",
    actions: [
      { key: 'report', label: 'Report', icon: <FlagIcon className="size-4" />, onSelect: () => {} },
      { key: 'mute', label: 'Mute @karim', icon: <MuteIcon className="size-4" />, onSelect: () => {} },
      { key: 'block', label: 'Block @karim', icon: <BlockIcon className="size-4" />, tone: 'danger', onSelect: () => {} },
    ],
  },
  decorators: [
    (Story) => (
      <div className="flex min-h-64 justify-end p-8">
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof Menu>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Someone else's post: report, then the actions about its author. */
export const PostActions: Story = {};

/** Your own post (or any post for a moderator): delete, which asks for a confirmation. */
export const OwnPost: Story = {
  args: {
    label: "More actions for Mona's post",
    actions: [{ key: 'delete', label: 'Delete', icon: <TrashIcon className="size-4" />, tone: 'danger', onSelect: () => {} }],
  },
};

/** A moderator on someone else's post: every action. */
export const ModeratorView: Story = {
  args: {
    actions: [
      { key: 'report', label: 'Report', icon: <FlagIcon className="size-4" />, onSelect: () => {} },
      { key: 'mute', label: 'Mute @karim', icon: <MuteIcon className="size-4" />, onSelect: () => {} },
      { key: 'block', label: 'Block @karim', icon: <BlockIcon className="size-4" />, tone: 'danger', onSelect: () => {} },
      { key: 'delete', label: 'Delete', icon: <TrashIcon className="size-4" />, tone: 'danger', onSelect: () => {} },
    ],
  },
};
